package org.pumppki.ca.crypto;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * subjectAltNames for servers, drawn only from the host names (and, if the profile allows, IP
 * addresses) registered for the server. A request may ask for a subset of them; one that asks for
 * none gets all of them; one that asks for anything unregistered, or for another kind of name, is
 * refused ({@link PolicyViolation#NAME_NOT_ALLOWED}). A server with no registered name cannot get a
 * certificate ({@link PolicyViolation#NAME_REQUIRED}). Every name the certificate would carry must
 * also lie inside the permitted names, checked again here because the configuration may have
 * narrowed since the server was registered ({@link PolicyViolation#NAME_NOT_PERMITTED}).
 */
record RegisteredHostnames(boolean includeIpAddresses, PermittedNames permitted) implements ProfileRule {

    @Override
    public void apply(IssuanceRequest request, CertificateTemplate template) {
        TrustedIdentity identity = request.identity();
        List<String> registeredNames = identity.dnsNames();
        List<InetAddress> registeredAddresses = includeIpAddresses ? identity.ipAddresses() : List.of();
        Set<String> requestedNames = new HashSet<>();
        Set<InetAddress> requestedAddresses = new HashSet<>();
        for (GeneralName name : request.requestedNames().untrustedAltNames()) {
            if (name.getTagNo() == GeneralName.dNSName) {
                requestedNames.add(requireRegisteredName(name, registeredNames));
            } else if (name.getTagNo() == GeneralName.iPAddress && includeIpAddresses) {
                requestedAddresses.add(requireRegisteredAddress(name, registeredAddresses));
            } else {
                throw refused(RequestedNames.describe(name) + ", which this profile does not issue");
            }
        }
        boolean all = requestedNames.isEmpty() && requestedAddresses.isEmpty();
        registeredNames.stream().filter(name -> all || requestedNames.contains(name)).forEach(name -> {
            requirePermitted(permitted.permits(ServerName.parse(name)), name);
            template.addSubjectAltName(new GeneralName(GeneralName.dNSName, name));
        });
        registeredAddresses.stream().filter(address -> all || requestedAddresses.contains(address)).forEach(address -> {
            requirePermitted(permitted.permits(address), address.getHostAddress());
            template.addSubjectAltName(new GeneralName(GeneralName.iPAddress, new DEROctetString(address.getAddress())));
        });
        if (template.subjectAltNames().isEmpty()) {
            throw new PolicyViolationException(PolicyViolation.NAME_REQUIRED,
                    "No host name is registered for this server; register one before requesting a certificate");
        }
    }

    private void requirePermitted(boolean isPermitted, String name) {
        if (!isPermitted) {
            throw new PolicyViolationException(PolicyViolation.NAME_NOT_PERMITTED, "'" + name + "' is outside the names "
                    + "server certificates may carry (" + permitted + ")");
        }
    }

    private static String requireRegisteredName(GeneralName name, List<String> registered) {
        String canonical = TrustedIdentity.canonicalDnsName(RequestedNames.stringOf(name));
        if (canonical == null || !registered.contains(canonical)) {
            throw refused(RequestedNames.describe(name) + ", which is not registered for this server");
        }
        return canonical;
    }

    private static InetAddress requireRegisteredAddress(GeneralName name, List<InetAddress> registered) {
        InetAddress address = RequestedNames.addressOf(name);
        if (!registered.contains(address)) {
            throw refused(RequestedNames.describe(name) + ", which is not registered for this server");
        }
        return address;
    }

    private static PolicyViolationException refused(String what) {
        return new PolicyViolationException(PolicyViolation.NAME_NOT_ALLOWED, "The request asks for " + what);
    }
}
