package org.wechatmp.storage.jdbi;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.wechatmp.core.spi.RepositoryContract;

/**
 * The repository contract of {@code wechat-core} on the Jdbi repositories, once per database of
 * {@link Databases#all()}: H2 always, PostgreSQL and MariaDB when configured (required under {@code CI=true}).
 */
class JdbiRepositoryContractTest {

    /** One database: a storage opened once, every table emptied before each test. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class OnDatabase extends RepositoryContract {
        private JdbiStorage storage;

        abstract String database();

        @Override
        protected Repositories open() {
            if (storage == null) {
                Optional<Databases.Db> db = Databases.all().stream().filter(d -> d.name().equals(database()))
                        .findFirst();
                assumeTrue(db.isPresent(), database() + " is not configured");
                storage = JdbiStorage.builder(db.get().url()).poolSize(4).build();
            }
            Databases.wipe(storage.jdbi());
            return new Repositories(storage.users(), storage.tags(), storage.materials(), storage.menus(),
                    storage.templates(), storage.handlers(), storage.messageLog());
        }

        @AfterAll
        void closeStorage() {
            if (storage != null) {
                storage.close();
            }
        }
    }

    @Nested
    class H2 extends OnDatabase {
        @Override
        String database() {
            return "h2";
        }
    }

    @Nested
    class PostgreSQL extends OnDatabase {
        @Override
        String database() {
            return "postgresql";
        }
    }

    @Nested
    class MariaDB extends OnDatabase {
        @Override
        String database() {
            return "mariadb";
        }
    }
}
