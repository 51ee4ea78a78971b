package org.wechatmp.jaxrs;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.wechatmp.core.WeChatRuntime;

/** The JAX-RS adapter under Jersey 3.1. */
class JerseyAdapterTest extends JaxrsAdapterContract {
    @Override
    void mount(ServletContextHandler context, WeChatRuntime runtime) {
        ResourceConfig config = new ResourceConfig().registerInstances(resources(runtime).toArray());
        context.addServlet(new ServletHolder(new ServletContainer(config)), "/*");
    }
}
