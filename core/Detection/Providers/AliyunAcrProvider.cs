using System.Text.RegularExpressions;

namespace Dockward.Core.Detection.Providers;

/// <summary>
/// Alibaba Cloud Container Registry: the personal edition (<c>registry.&lt;region&gt;.aliyuncs.com</c>,
/// <c>registry-vpc.&lt;region&gt;.aliyuncs.com</c>, <c>crpi-….&lt;region&gt;.personal.cr.aliyuncs.com</c>) and
/// enterprise instances (<c>&lt;instance&gt;-registry.&lt;region&gt;.cr.aliyuncs.com</c>). They challenge with
/// <c>Bearer realm="https://dockerauth.&lt;region&gt;.aliyuncs.com/auth",service="registry.aliyuncs.com:&lt;region&gt;:&lt;id&gt;"</c>;
/// the realm's region is not always the registry's (personal-edition hosts in cn-beijing have been seen to send
/// clients to dockerauth.cn-hangzhou), so any region's dockerauth host is trusted for an Aliyun registry.
/// </summary>
internal sealed partial class AliyunAcrProvider : IRegistryProvider
{
    public string Name => "aliyun";

    public bool Recognizes(string host) => RegistryHost().IsMatch(host);

    public bool TrustsRealm(string registryHost, string realmHost) => Recognizes(registryHost) && RealmHost().IsMatch(realmHost);

    [GeneratedRegex(@"^(registry|registry-vpc|registry-intl|registry-intl-vpc)\.[a-z0-9-]+\.aliyuncs\.com$|^[a-z0-9-]+\.[a-z0-9-]+\.(personal\.)?cr\.aliyuncs\.com$")]
    private static partial Regex RegistryHost();

    [GeneratedRegex(@"^dockerauth\.[a-z0-9-]+\.aliyuncs\.com$")]
    private static partial Regex RealmHost();
}
