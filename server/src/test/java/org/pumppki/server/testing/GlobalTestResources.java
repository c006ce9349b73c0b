package org.pumppki.server.testing;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Declares the resources every {@code @QuarkusTest} shares, so that Quarkus starts only once. */
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = EstTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = NotificationTestResource.class, scope = TestResourceScope.GLOBAL)
public final class GlobalTestResources {

    private GlobalTestResources() {
    }
}
