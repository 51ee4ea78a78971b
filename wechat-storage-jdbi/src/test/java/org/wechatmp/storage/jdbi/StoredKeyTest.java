package org.wechatmp.storage.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The stored form of a dedupe key: a callback's key (CreateTime first) keeps its time as a zero-padded head, so
 * stored keys sort by time and new claims append to the primary key's index; any other key is its digest alone.
 * Every form fits the 255-character column, however long the key.
 */
class StoredKeyTest {

    @Test
    void aKeyLedByItsCreateTimeKeepsTheTimeAsAFixedWidthHeadBeforeTheDigest() {
        String key = "1700000000:demo:m:42";

        assertThat(JdbiDeliveryStore.storedKey(key))
                .isEqualTo("001700000000:" + JdbiDeliveryStore.digest(key))
                .hasSize(12 + 1 + 64);
    }

    @Test
    void storedKeysSortByTheirCreateTimeWhateverTheRestOfTheKey() {
        String earlier = JdbiDeliveryStore.storedKey("999999999:zzz:e:" + "o".repeat(200) + ":CLICK:x");
        String later = JdbiDeliveryStore.storedKey("1000000000:aaa:m:1");
        String latest = JdbiDeliveryStore.storedKey("1000000001:aaa:m:1");

        assertThat(earlier).isLessThan(later);
        assertThat(later).isLessThan(latest);
    }

    @Test
    void theSameKeyIsStoredTheSameWayAndDifferentKeysOfOneSecondStayDistinct() {
        assertThat(JdbiDeliveryStore.storedKey("1700000000:demo:m:1"))
                .isEqualTo(JdbiDeliveryStore.storedKey("1700000000:demo:m:1"))
                .isNotEqualTo(JdbiDeliveryStore.storedKey("1700000000:demo:m:2"));
    }

    @Test
    void aKeyWithoutANumericHeadOfAtMostTwelveDigitsIsItsDigestAlone() {
        for (String key : new String[] {"demo:m:42", ":demo", "17x0:demo", "1234567890123:demo", "", "12345"}) {
            assertThat(JdbiDeliveryStore.storedKey(key)).as(key).isEqualTo(JdbiDeliveryStore.digest(key));
        }
    }

    @Test
    void aKeyOfAnyLengthFitsTheColumn() {
        String key = "1700000000:demo:e:" + "o".repeat(200) + ":VIEW:" + "u".repeat(10_000);

        assertThat(JdbiDeliveryStore.storedKey(key).length()).isLessThanOrEqualTo(255);
    }
}
