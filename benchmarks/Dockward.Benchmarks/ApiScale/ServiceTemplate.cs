namespace Dockward.Benchmarks.ApiScale;

/// <summary>One service of a simulated compose project: what its container runs and how it is set up.</summary>
/// <param name="Name">The compose service name.</param>
/// <param name="Image">The image reference, registry and tag included.</param>
/// <param name="Ports">Container ports; the first is published on the host when <paramref name="Published"/>.</param>
/// <param name="Published">Whether the first port is bound on the host.</param>
/// <param name="HealthCheck">Whether the image has a HEALTHCHECK.</param>
/// <param name="Env">Its own environment, <c>KEY=VALUE</c>, secrets among them as compose files have them.</param>
/// <param name="DataPath">Where its named volume is mounted, or null when it keeps no data.</param>
/// <param name="Command">Its command.</param>
internal sealed record ServiceTemplate(
    string Name,
    string Image,
    IReadOnlyList<int> Ports,
    bool Published,
    bool HealthCheck,
    IReadOnlyList<string> Env,
    string? DataPath,
    IReadOnlyList<string> Command)
{
    /// <summary>Ten services, so a project of ten containers has one of each.</summary>
    public static readonly IReadOnlyList<ServiceTemplate> All =
    [
        new("web", "nginx:1.27.2", [80], true, true, ["NGINX_HOST=shop.example.com", "NGINX_PORT=80"], null, ["nginx", "-g", "daemon off;"]),
        new("api", "ghcr.io/acme/orders-api:2.14.1", [8080], false, true,
            ["ASPNETCORE_URLS=http://+:8080", "ConnectionStrings__Orders=Host=db;Username=orders;Password=Tr0ub4dor&3", "API_KEY=sk_live_51HxQ2e8bA", "LOG_LEVEL=info"],
            null, ["dotnet", "Orders.Api.dll"]),
        new("db", "postgres:16.4", [5432], false, true,
            ["POSTGRES_USER=orders", "POSTGRES_PASSWORD=Tr0ub4dor&3", "POSTGRES_DB=orders", "PGDATA=/var/lib/postgresql/data/pgdata"],
            "/var/lib/postgresql/data", ["postgres"]),
        new("cache", "redis:7.4-alpine", [6379], false, true, ["REDIS_ARGS=--appendonly yes"], "/data", ["redis-server"]),
        new("worker", "registry.example.com/platform/worker:1.8.0", [], false, false,
            ["QUEUE_URL=amqp://queue:5672", "WORKER_TOKEN=wk_9f8e7d6c5b4a", "CONCURRENCY=4"], null, ["worker", "--queue", "orders"]),
        new("proxy", "traefik:v3.1.6", [80, 443], true, false, ["TRAEFIK_PROVIDERS_DOCKER=true", "TRAEFIK_ENTRYPOINTS_WEB_ADDRESS=:80"], null, ["traefik"]),
        new("queue", "rabbitmq:3.13-management", [5672, 15672], false, true,
            ["RABBITMQ_DEFAULT_USER=orders", "RABBITMQ_DEFAULT_PASS=hunter2-rabbit"], "/var/lib/rabbitmq", ["rabbitmq-server"]),
        new("metrics", "prom/prometheus:v2.54.1", [9090], false, false, ["TZ=UTC"], "/prometheus", ["--config.file=/etc/prometheus/prometheus.yml"]),
        new("dashboard", "grafana/grafana:11.2.0", [3000], true, true,
            ["GF_SECURITY_ADMIN_USER=admin", "GF_SECURITY_ADMIN_PASSWORD=gr4fana-S3cret", "GF_SERVER_ROOT_URL=https://grafana.example.com"],
            "/var/lib/grafana", ["grafana", "server"]),
        new("search", "docker.elastic.co/elasticsearch/elasticsearch:8.15.0", [9200, 9300], false, true,
            ["ES_JAVA_OPTS=-Xms512m -Xmx512m", "ELASTIC_PASSWORD=el4stic-pw", "discovery.type=single-node"],
            "/usr/share/elasticsearch/data", ["eswrapper"]),
    ];

    /// <summary>The image's repository: the reference without its tag.</summary>
    public string Repository => Image[..Image.LastIndexOf(':')];

    /// <summary>The image's tag.</summary>
    public string Tag => Image[(Image.LastIndexOf(':') + 1)..];
}
