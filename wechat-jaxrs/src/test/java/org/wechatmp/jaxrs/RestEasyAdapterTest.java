package org.wechatmp.jaxrs;

import jakarta.ws.rs.core.Application;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;
import java.util.List;

/** The JAX-RS adapter under RESTEasy 6. */
class RestEasyAdapterTest extends JaxrsAdapterContract {
    static volatile List<Object> current;

    /** The application RESTEasy instantiates. */
    public static class App extends Application {
        @Override
        public Set<Object> getSingletons() {
            return new HashSet<>(current);
        }
    }

    @Override
    void mount(ServletContextHandler context, List<Object> singletons) {
        current = singletons;
        ServletHolder holder = new ServletHolder(new HttpServlet30Dispatcher());
        holder.setInitOrder(0); // the application reads current when the server starts
        holder.setInitParameter("jakarta.ws.rs.Application", App.class.getName());
        context.addServlet(holder, "/*");
    }
}
