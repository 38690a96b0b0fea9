package io.auditlog.export.support;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import io.auditlog.integrity.verify.VerifyCommand;
import io.restassured.path.json.JsonPath;

/** A completed report downloaded as a customer keeps it (files, proof, manifest, keys) and checked offline. */
public final class Reports {

    /** What verify-report answered. */
    public record Verified(int exit, String out, String err) {
    }

    private Reports() {
    }

    public static byte[] download(String account, String path) {
        return given().auth().oauth2(Audit.admin(account)).get(path).then().statusCode(200).extract().asByteArray();
    }

    /** Every file of the report, its proof (NDJSON), its manifest and the audit-service's keys, in {@code dir}. */
    public static Path save(String account, String id, Path dir) throws Exception {
        JsonPath job = Exports.job(account, id);
        for (int n = 1; n <= job.getList("files").size(); n++) {
            Files.write(dir.resolve(job.getString("files[" + (n - 1) + "].name")),
                    download(account, "/api/v1/exports/" + id + "/files/" + n));
        }
        String proofUrl = job.getString("manifest.proofUrl");
        if (proofUrl != null) {
            Files.write(dir.resolve(filename(account, proofUrl)), download(account, proofUrl));
        }
        Path manifest = dir.resolve(filename(account, job.getString("manifest.url")));
        Files.write(manifest, download(account, job.getString("manifest.url")));
        HttpResponse<String> keys = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Audit.url()
                + "/api/v1/integrity/keys")).header("Authorization", "Bearer " + Audit.admin(account)).build(),
                HttpResponse.BodyHandlers.ofString());
        Files.writeString(dir.resolve("keys.json"), keys.body());
        return manifest;
    }

    /** The attachment's file name, as Content-Disposition gives it. */
    public static String filename(String account, String path) {
        String disposition = given().auth().oauth2(Audit.admin(account)).get(path).then().statusCode(200).extract()
                .header("Content-Disposition");
        return disposition.replaceAll(".*filename=\"([^\"]+)\".*", "$1");
    }

    public static Verified verify(Path dir, Path manifest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VerifyCommand.run(new String[] { "verify-report", "--keys", dir.resolve("keys.json").toString(),
                "--manifest", manifest.toString() }, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Verified(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
