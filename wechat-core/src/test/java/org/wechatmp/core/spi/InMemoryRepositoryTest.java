package org.wechatmp.core.spi;

import org.wechatmp.core.callback.InMemoryMessageLogStore;
import org.wechatmp.core.engine.InMemoryHandlerRepository;

/** The repository contract on the in-memory implementations. */
class InMemoryRepositoryTest extends RepositoryContract {
    @Override
    protected Repositories open() {
        InMemoryUserRepository users = new InMemoryUserRepository();
        return new Repositories(users, new InMemoryTagRepository(users), new InMemoryMaterialRepository(),
                new InMemoryMenuRepository(), new InMemoryTemplateRepository(), new InMemoryHandlerRepository(),
                new InMemoryMessageLogStore());
    }
}
