package io.musicplatform.servicestorage;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;

/**
 * The object storage as a service sees it: a presigner whose URLs carry the public address (what
 * listeners and uploaders reach), and a client at the in-cluster address for the service's own calls.
 * Both use path-style addresses, which every S3-compatible server understands. The client is blocking:
 * call it from a worker thread.
 */
@ApplicationScoped
public class MediaStorage {

    private final StorageConfig config;
    private final S3Presigner presigner;
    private volatile S3Client client;

    public MediaStorage(StorageConfig config) {
        this.config = config;
        // Signing is local arithmetic: the presigner never calls the storage.
        this.presigner = S3Presigner.builder()
                .endpointOverride(config.publicEndpoint().orElse(config.endpoint()))
                .region(Region.of(config.region()))
                .credentialsProvider(credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    /** Signs URLs at the storage's public address. */
    public S3Presigner presigner() {
        return presigner;
    }

    /** Calls the storage at its in-cluster address; made on first use, so a service that only signs never opens one. */
    public S3Client client() {
        S3Client made = client;
        if (made == null) {
            synchronized (this) {
                if (client == null) {
                    client = S3Client.builder()
                            .endpointOverride(config.endpoint())
                            .region(Region.of(config.region()))
                            .credentialsProvider(credentials())
                            .forcePathStyle(true)
                            .httpClient(UrlConnectionHttpClient.create())
                            .build();
                }
                made = client;
            }
        }
        return made;
    }

    /** The bucket new audio goes into. */
    public String bucket() {
        return config.bucket();
    }

    public URI endpoint() {
        return config.endpoint();
    }

    private StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey()));
    }

    @PreDestroy
    void close() {
        presigner.close();
        if (client != null) {
            client.close();
        }
    }
}
