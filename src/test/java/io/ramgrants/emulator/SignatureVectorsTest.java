package io.ramgrants.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.tea.TeaRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Signatures against fixed vectors that do not come from the emulator's code. */
class SignatureVectorsTest {
    @Test
    void v1MatchesAlibabaCloudsDocumentedExample() {
        // The worked example of Alibaba Cloud's RPC signature documentation (secret "testsecret").
        Map<String, String> params = new TreeMap<>(Map.of("AccessKeyId", "testid", "Action", "DescribeRegions",
                "Format", "XML", "SignatureMethod", "HMAC-SHA1", "SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
                "SignatureVersion", "1.0", "Timestamp", "2016-02-23T12:46:24Z", "Version", "2014-05-26"));
        params.put("Signature", "ignored: never part of the string to sign");
        String stringToSign = SignatureV1.stringToSign("GET", params);
        assertThat(stringToSign).isEqualTo("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"
                + "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
                + "%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26");
        assertThat(SignatureV1.sign(stringToSign, "testsecret")).isEqualTo("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    }

    @Test
    void percentEncodingIsRfc3986() {
        assertThat(PercentEncoding.encode("a b*c~d+e/é")).isEqualTo("a%20b%2Ac~d%2Be%2F%C3%A9");
    }

    // Computed once with com.aliyun.openapiutil.Client.getAuthorization (openapiutil 0.2.2) and hard-coded.
    private static final String ACS3_SIGNATURE = "62b99b32f7042a9dd7e833df39f3f272631caf67328d5bbc160eca5359979790";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static Map<String, String> acs3Headers() {
        Map<String, String> headers = new HashMap<>();
        headers.put("host", "ram.aliyuncs.com");
        headers.put("x-acs-action", "GetRole");
        headers.put("x-acs-version", "2015-05-01");
        headers.put("x-acs-date", "2026-11-26T11:04:42Z");
        headers.put("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d");
        headers.put("x-acs-content-sha256", EMPTY_SHA256);
        headers.put("user-agent", "AlibabaCloud (test)");
        return headers;
    }

    @Test
    void acs3MatchesTheFixedVector() {
        String canonical = SignatureAcs3.canonicalRequest("POST", "/",
                Map.of("RoleName", "ram-for-dts", "Description", "a b*c~"), acs3Headers(),
                "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version", EMPTY_SHA256);
        assertThat(canonical).startsWith("POST\n/\nDescription=a%20b%2Ac~&RoleName=ram-for-dts\nhost:ram.aliyuncs.com\n");
        assertThat(SignatureAcs3.sign(SignatureAcs3.stringToSign(canonical), "YourAccessKeySecret")).isEqualTo(ACS3_SIGNATURE);
        assertThat(SignatureAcs3.sha256Hex(new byte[0])).isEqualTo(EMPTY_SHA256);
    }

    @Test
    void theSdksOwnSignerAgreesWithTheVector() throws Exception {
        TeaRequest request = new TeaRequest();
        request.method = "POST";
        request.pathname = "/";
        request.query = new HashMap<>(Map.of("RoleName", "ram-for-dts", "Description", "a b*c~"));
        request.headers = acs3Headers();
        String authorization = com.aliyun.openapiutil.Client.getAuthorization(request, SignatureAcs3.ALGORITHM,
                EMPTY_SHA256, "YourAccessKeyId", "YourAccessKeySecret");
        assertThat(authorization).endsWith("Signature=" + ACS3_SIGNATURE);
        SignatureAcs3.Authorization parsed = SignatureAcs3.Authorization.parse(authorization);
        assertThat(parsed.accessKeyId()).isEqualTo("YourAccessKeyId");
        assertThat(parsed.signature()).isEqualTo(ACS3_SIGNATURE);
    }
}
