namespace Dockward.Core.Webhooks;

/// <summary>The registered parsers by route name, aliases included.</summary>
internal sealed class WebhookProviders
{
    private readonly Dictionary<string, IWebhookParser> byName = new(StringComparer.Ordinal);

    public WebhookProviders(IEnumerable<IWebhookParser> parsers)
    {
        foreach (var parser in parsers)
        {
            byName.Add(parser.Provider, parser);
            foreach (var alias in parser.Aliases)
            {
                byName.Add(alias, parser);
            }
        }
    }

    /// <summary>Every route name, canonical providers and aliases.</summary>
    public IEnumerable<string> Names => byName.Keys.Order(StringComparer.Ordinal);

    /// <summary>The parser serving a route name (case-insensitive), or null for an unknown provider.</summary>
    public IWebhookParser? Find(string name) =>
        name.Length <= 64 && byName.TryGetValue(name.ToLowerInvariant(), out var parser) ? parser : null;
}
