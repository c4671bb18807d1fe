namespace Dockward.Functions.Tests.Webhooks;

/// <summary>
/// Webhook bodies shaped exactly like each provider's documented sample (fields, nesting, types), with names changed
/// only where a test needs a repository of its own. The source of each is cited above it.
/// </summary>
internal static class DocumentedPayloads
{
    // https://docs.docker.com/docker-hub/repos/manage/webhooks/ "Example webhook payload"
    public static string DockerHub(string repoName = "svendowideit/testhook", string? tag = "latest") => $$"""
        {
          "callback_url": "https://registry.hub.docker.com/u/svendowideit/testhook/hook/2141b5bi5i5b02bec211i4eeih0242eg11000a/",
          "push_data": {
            "pushed_at": 1417566161,
            "pusher": "trustedbuilder"{{(tag is null ? "" : $",\n    \"tag\": \"{tag}\"")}}
          },
          "repository": {
            "comment_count": 0,
            "date_created": 1417494799,
            "description": "",
            "dockerfile": "#\n# BUILD\u0009\u0009docker build -t svendowideit/apt-cacher .\nFROM\u0009\u0009ubuntu\n",
            "full_description": "Docker Hub based automated build from a GitHub repo",
            "is_official": false,
            "is_private": true,
            "is_trusted": true,
            "name": "testhook",
            "namespace": "svendowideit",
            "owner": "svendowideit",
            "repo_name": "{{repoName}}",
            "repo_url": "https://registry.hub.docker.com/u/svendowideit/testhook/",
            "star_count": 0,
            "status": "Active"
          }
        }
        """;

    // https://goharbor.io/docs/2.0.0/working-with-projects/project-configuration/configure-webhooks/ (Default format payload)
    public static string Harbor(string type = "PUSH_ARTIFACT", string resourceUrl = "hub.harbor.com/test-webhook/debian:latest", string tag = "latest") => $$"""
        {
          "type": "{{type}}",
          "occur_at": 1586922308,
          "operator": "admin",
          "event_data": {
            "resources": [
              {
                "digest": "sha256:8a9e9863dbb6e10edb5adfe917c00da84e1700fa76e7ed02476aa6e6fb8ee0d8",
                "tag": "{{tag}}",
                "resource_url": "{{resourceUrl}}"
              }
            ],
            "repository": {
              "date_created": 1586922308,
              "name": "debian",
              "namespace": "test-webhook",
              "repo_full_name": "test-webhook/debian",
              "repo_type": "private"
            }
          }
        }
        """;

    // https://docs.github.com/en/webhooks/webhook-events-and-payloads#package (action "published"; the package object as
    // GitHub's webhook schema "webhook-package-published" defines it, trimmed of fields the parser never reads)
    public static string GitHubPackage(string owner = "octo-org", string name = "hello-world", string tag = "v1", string action = "published", string type = "container") => $$"""
        {
          "action": "{{action}}",
          "package": {
            "id": 1942881,
            "name": "{{name}}",
            "namespace": "{{owner}}",
            "description": "",
            "ecosystem": "CONTAINER",
            "package_type": "{{type}}",
            "html_url": "https://github.com/orgs/{{owner}}/packages/container/package/{{name}}",
            "created_at": "2023-04-03T11:07:36Z",
            "updated_at": "2023-04-03T11:07:36Z",
            "owner": { "login": "{{owner}}", "id": 6811672, "type": "Organization" },
            "package_version": {
              "id": 88245373,
              "version": "sha256:91e3a7a5e1c8b2e4a9a2b1c4d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6",
              "name": "sha256:91e3a7a5e1c8b2e4a9a2b1c4d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6",
              "description": "",
              "summary": "",
              "manifest": "",
              "html_url": "https://github.com/orgs/{{owner}}/packages/container/{{name}}/88245373",
              "target_commitish": "main",
              "target_oid": "6dcb09b5b57875f334f61aebed695e2e4193db5e",
              "created_at": "2023-04-03T11:07:36Z",
              "updated_at": "2023-04-03T11:07:36Z",
              "metadata": [],
              "container_metadata": {
                "tag": { "name": "{{tag}}", "digest": "sha256:91e3a7a5e1c8b2e4a9a2b1c4d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6" },
                "labels": { "description": "", "source": "https://github.com/{{owner}}/{{name}}", "revision": "6dcb09b5b57875f334f61aebed695e2e4193db5e", "image_url": "", "licenses": "", "all_labels": {} },
                "manifest": { "digest": "sha256:91e3a7a5e1c8b2e4a9a2b1c4d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6", "media_type": "application/vnd.oci.image.index.v1+json", "uri": "repositories/{{owner}}/{{name}}/manifests/sha256:91e3a7a5e1c8b2e4a9a2b1c4d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6", "size": 1609, "config": {}, "layers": [] }
              },
              "package_files": [],
              "installation_command": "docker pull ghcr.io/{{owner}}/{{name}}:{{tag}}",
              "package_url": "ghcr.io/{{owner}}/{{name}}:{{tag}}"
            },
            "registry": { "about_url": "https://docs.github.com/packages/learn-github-packages/introduction-to-github-packages", "name": "GitHub CONTAINER registry", "type": "CONTAINER", "url": "https://ghcr.io/{{owner}}", "vendor": "GitHub Inc" }
          },
          "repository": { "id": 600000000, "name": "{{name}}", "full_name": "{{owner}}/{{name}}", "private": false },
          "organization": { "login": "{{owner}}", "id": 6811672 },
          "sender": { "login": "octocat", "id": 1, "type": "User" }
        }
        """;

    // https://docs.redhat.com/en/documentation/red_hat_quay/3.4/html/use_red_hat_quay/repository_notifications "Repository Push"
    public static string Quay(string dockerUrl = "quay.io/dgangaia/test", string tags = """["latest"]""") => $$"""
        {
          "name": "repository",
          "repository": "dgangaia/test",
          "namespace": "dgangaia",
          "docker_url": "{{dockerUrl}}",
          "homepage": "https://quay.io/repository/dgangaia/repository",
          "updated_tags": {{tags}}
        }
        """;

    // https://learn.microsoft.com/azure/container-registry/container-registry-webhook-reference "Payload example: image push event"
    public static string Acr(string action = "push", string host = "myregistry.azurecr.io", string repository = "hello-world", string tag = "v1") => $$"""
        {
          "id": "cb8c3971-9adc-488b-xxxx-43cbb4974ff5",
          "timestamp": "2017-11-17T16:52:01.343145347Z",
          "action": "{{action}}",
          "target": {
            "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
            "size": 524,
            "digest": "sha256:xxxxd5c8786bb9e621a45ece0dbxxxx1cdc624ad20da9fe62e9d25490f33xxxx",
            "length": 524,
            "repository": "{{repository}}",
            "tag": "{{tag}}"
          },
          "request": {
            "id": "3cbb6949-7549-4fa1-xxxx-a6d5451dffc7",
            "host": "{{host}}",
            "method": "PUT",
            "useragent": "docker/17.09.0-ce go/go1.8.3 git-commit/afdb6d4 kernel/4.10.0-27-generic os/Linux arch/amd64 UpstreamClient(Docker-Client/17.09.0-ce \\(linux\\))"
          }
        }
        """;

    // https://distribution.github.io/distribution/about/notifications/ "Events" (the documented sample is a pull; a push
    // has action "push" and method "PUT"), inside the envelope {"events": [...]}
    public static string Distribution(string action = "push", string host = "192.168.100.227:5000", string repository = "hello-world", string? tag = "latest",
        string mediaType = "application/vnd.docker.distribution.manifest.v2+json") => $$"""
        {
          "events": [
            {
              "id": "320678d8-ca14-430f-8bb6-4ca139cd83f7",
              "timestamp": "2016-03-09T14:44:26.402973972-08:00",
              "action": "{{action}}",
              "target": {
                "mediaType": "{{mediaType}}",
                "size": 708,
                "digest": "sha256:fea8895f450959fa676bcc1df0611ea93823a735a01205fd8622846041d0c7cf",
                "length": 708,
                "repository": "{{repository}}",
                "url": "http://{{host}}/v2/{{repository}}/manifests/sha256:fea8895f450959fa676bcc1df0611ea93823a735a01205fd8622846041d0c7cf"{{(tag is null ? "" : $",\n        \"tag\": \"{tag}\"")}}
              },
              "request": {
                "id": "6df24a34-0959-4923-81ca-14f09767db19",
                "addr": "192.168.64.11:42961",
                "host": "{{host}}",
                "method": "{{(action == "push" ? "PUT" : "GET")}}",
                "useragent": "curl/7.38.0"
              },
              "actor": {},
              "source": { "addr": "xtal.local:5000", "instanceID": "a53db899-3b4b-4a62-a067-8dd013beaca4" }
            }
          ]
        }
        """;

    // Dockward's own format (docs/webhooks.md).
    public static string Generic(string image = "registry.example.com/team/api:1.4.2") => $$"""{"image": "{{image}}"}""";
}
