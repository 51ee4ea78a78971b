package org.wechatmp.admin.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashes (OWASP's m=19 MiB, t=2, p=1) with Password4j, in the PHC string format.
 */
public final class PasswordHasher {
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID, Argon2Function.ARGON2_VERSION_13);
    private static final String DUMMY = new PasswordHasher().hash("not-a-real-password-but-same-cost");

    /**
     * Hashes a password with a fresh random salt.
     *
     * @param password the password
     * @return the encoded hash
     */
    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    /**
     * Checks a password against a hash; with a {@code null} hash (an unknown user) it spends the same time and
     * answers false.
     *
     * @param password the password typed
     * @param hash the stored hash, or {@code null}
     * @return whether it matches
     */
    public boolean verify(String password, String hash) {
        if (password == null) {
            return false;
        }
        if (hash == null) {
            Password.check(password, DUMMY).with(ARGON2);
            return false;
        }
        try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
