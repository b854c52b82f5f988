package io.logos.delivery.libp2p.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** A self-signed TLS certificate for localhost, made with the JDK's keytool and written as PEM files. */
final class SelfSignedPem {

    private static final char[] PASSWORD = "test-only".toCharArray();

    private SelfSignedPem() {
    }

    static TlsCertificate create(Path folder) throws IOException, InterruptedException, GeneralSecurityException {
        Path keystore = folder.resolve("tls.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        Path key = Files.writeString(folder.resolve("tls.key"),
                pem("PRIVATE KEY", store.getKey("node", PASSWORD).getEncoded()));
        Path certificate = Files.writeString(folder.resolve("tls.crt"),
                pem("CERTIFICATE", store.getCertificate("node").getEncoded()));
        return new TlsCertificate(key, certificate);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
