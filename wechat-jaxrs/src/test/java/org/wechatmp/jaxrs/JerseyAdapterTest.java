package org.wechatmp.jaxrs;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import java.util.List;

/** The JAX-RS adapter under Jersey 3.1. */
class JerseyAdapterTest extends JaxrsAdapterContract {
    @Override
    void mount(ServletContextHandler context, List<Object> singletons) {
        ResourceConfig config = new ResourceConfig().registerInstances(singletons.toArray());
        context.addServlet(new ServletHolder(new ServletContainer(config)), "/*");
    }
}
