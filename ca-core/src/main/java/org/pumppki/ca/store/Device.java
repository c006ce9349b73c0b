package org.pumppki.ca.store;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.pumppki.ca.domain.DeviceKind;
import org.pumppki.ca.domain.DeviceState;

/** A pump, pump server or RADIUS server in the inventory. */
@Entity
@Table(name = "device")
public class Device {

    @Id
    public UUID id;

    @Column(nullable = false, length = 16)
    @Convert(converter = LabelConverters.DeviceKindConverter.class)
    public DeviceKind kind;

    @Column(nullable = false, length = 64)
    public String serial;

    @Column(nullable = false, length = 100)
    public String manufacturer;

    @Column(nullable = false, length = 100)
    public String model;

    /** Unique Device Identifier: device identifier plus production identifier (e.g. GS1 AIs 01 and 21). */
    @Column(length = 200)
    public String udi;

    /** Lower-case, colon-separated. */
    @Column(name = "mac_address", length = 17)
    public String macAddress;

    @Column(length = 64)
    public String firmware;

    @Column(length = 200)
    public String location;

    @Column(nullable = false, length = 16)
    @Convert(converter = LabelConverters.DeviceStateConverter.class)
    public DeviceState state;

    /** DNS names and IP addresses a server may carry in its certificate. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> hostnames = new ArrayList<>();

    /** The newest certificate issued to the device; its certificate status is read from this one. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "current_certificate_id")
    public Certificate currentCertificate;

    /** Lower-case concatenation of the searchable columns, computed by the database. */
    @Column(name = "search_text", insertable = false, updatable = false)
    public String searchText;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
