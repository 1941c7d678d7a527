package dev.maillab.smtp.auth;

/** One accepted line of the passwd-file: the user and how to check its password. */
record PasswdEntry(MailUser user, PasswordScheme scheme, String hash) {

    boolean verify(String password) {
        return scheme.verify(password, hash);
    }
}
