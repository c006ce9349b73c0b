/**
 * The certificate authority's cryptography, in plain Bouncy Castle and the JDK: no framework, no
 * database, no logging, so that every rule here can be read and tested on its own.
 *
 * <p>Conventions that hold for every class:
 * <ul>
 *   <li><b>Keys only as signers.</b> Builders take a {@link org.bouncycastle.operator.ContentSigner};
 *       {@link org.pumppki.ca.crypto.AlgorithmPreset#contentSigner} is where a private key becomes
 *       one, and {@link org.pumppki.ca.crypto.Pkcs12Export} is the only way a key leaves.</li>
 *   <li><b>Time is passed in</b> as an {@link java.time.Instant} or a {@link java.time.Clock};
 *       nothing reads the system clock.</li>
 *   <li><b>Requests are untrusted.</b> {@link org.pumppki.ca.crypto.UntrustedCsr} and
 *       {@link org.pumppki.ca.crypto.RequestedNames} name what a client asked for; certificates are
 *       built from the {@link org.pumppki.ca.crypto.TrustedIdentity} by the rules of a
 *       {@link org.pumppki.ca.crypto.CertificateProfile}.</li>
 *   <li><b>One error model.</b> Bad input is a {@link org.pumppki.ca.crypto.MalformedInputException},
 *       a refused request a {@link org.pumppki.ca.crypto.PolicyViolationException} with a stable
 *       {@link org.pumppki.ca.crypto.PolicyViolation} code, a failing signer a
 *       {@link org.pumppki.ca.crypto.SigningException}. The OCSP responder never throws; it
 *       answers with RFC 6960 statuses.</li>
 *   <li><b>Everything we sign is verified</b> with the public key it should belong to before it
 *       is returned.</li>
 * </ul>
 */
package org.pumppki.ca.crypto;
