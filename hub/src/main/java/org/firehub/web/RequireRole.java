package org.firehub.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.firehub.people.Role;

/** A route-level role check behind {@link BearerAuth}: 403 unless the person has one of the roles. */
public final class RequireRole implements Handler<RoutingContext> {
    private final List<Role> allowed;

    private RequireRole(List<Role> allowed) {
        this.allowed = allowed;
    }

    public static RequireRole anyOf(Role... roles) {
        return new RequireRole(Arrays.asList(roles));
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (allowed.contains(BearerAuth.principal(ctx).role())) {
            ctx.next();
        } else {
            ctx.fail(new ApiProblem(403, "this needs the role " + allowed.stream().map(Role::wireName)
                    .collect(Collectors.joining(" or "))));
        }
    }
}
