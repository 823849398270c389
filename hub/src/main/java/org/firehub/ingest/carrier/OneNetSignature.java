package org.firehub.ingest.carrier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * OneNET's push signature, per its "数据推送 / HTTP推送 开发指南"
 * (https://open.iot.10086.cn/doc/book/application-develop/httppush/develop-manual.html):
 * {@code Base64(MD5(token + nonce + msg))}, used both for the URL verification GET
 * ({@code ?msg=&nonce=&signature=}) and as {@code msg_signature} of each pushed body.
 */
final class OneNetSignature {
    private OneNetSignature() {}

    static String sign(String token, String nonce, String msg) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(token.getBytes(StandardCharsets.UTF_8));
            md5.update(nonce.getBytes(StandardCharsets.UTF_8));
            md5.update(msg.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from the JDK", e);
        }
    }

    /**
     * A query string decoder turns the '+' of Base64 into a space when the platform does not
     * percent-encode it; spaces never occur in Base64, so they are turned back.
     */
    static boolean matches(String token, String nonce, String msg, String presented) {
        if (nonce == null || msg == null || presented == null) return false;
        byte[] expected = sign(token, nonce, msg).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented.replace(' ', '+').getBytes(StandardCharsets.US_ASCII));
    }
}
