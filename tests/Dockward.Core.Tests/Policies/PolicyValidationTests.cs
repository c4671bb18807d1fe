using Dockward.Core.Policies;
using static Dockward.Core.Tests.Policies.Policies;

namespace Dockward.Core.Tests.Policies;

/// <summary>The limits a policy set through the API must keep, each error naming its setting.</summary>
[Trait("Area", "Policy")]
public sealed class PolicyValidationTests
{
    private static readonly Dictionary<string, (string Setting, PolicySettings Settings, string Says)> Cases = new List<(string, PolicySettings, string)>
    {
        ("checkInterval", new PolicySettings { CheckInterval = TimeSpan.FromSeconds(30) }, "between 1m and 1d"),
        ("checkInterval", new PolicySettings { CheckInterval = TimeSpan.FromDays(2) }, "between 1m and 1d"),
        ("canaryPercent", new PolicySettings { CanaryPercent = 101 }, "0 to 100"),
        ("canaryPercent", new PolicySettings { CanaryPercent = -1 }, "0 to 100"),
        ("canaryCount", new PolicySettings { CanaryCount = 1001 }, "0 to 1000"),
        ("canaryWindow", new PolicySettings { CanaryWindow = TimeSpan.FromSeconds(10) }, "between 1m and 1d"),
        ("approvalExpiry", new PolicySettings { ApprovalExpiry = TimeSpan.FromMinutes(5) }, "between 1h and 90d"),
        ("minimumAge", new PolicySettings { MinimumAge = TimeSpan.FromDays(100) }, "between 0s and 90d"),
        ("monitorWindow", new PolicySettings { MonitorWindow = TimeSpan.FromHours(2) }, "between 1s and 1h"),
        ("healthTimeout", new PolicySettings { HealthTimeout = TimeSpan.Zero }, "between 1s and 1h"),
        ("tagInclude", new PolicySettings { TagInclude = "([unclosed" }, "Include"),
        ("tagExclude", new PolicySettings { TagExclude = "*" }, "Exclude"),
        ("tagPattern", new PolicySettings { TagPattern = "^v\\d+$" }, "version"),
        ("skip", new PolicySettings { Skip = [""] }, "empty"),
        ("skip", new PolicySettings { Skip = ["not a tag"] }, "'not a tag'"),
        ("skip", new PolicySettings { Skip = ["sha256:abc"] }, "'sha256:abc'"),
        ("skip", new PolicySettings { Skip = [.. Enumerable.Range(0, 101).Select(i => $"1.{i}")] }, "at most 100"),
        ("pin", new PolicySettings { Pin = ".hidden" }, "not a tag"),
        ("pin", new PolicySettings { Pin = new string('a', 129) }, "not a tag"),
        ("windows", new PolicySettings { Mode = UpdateMode.Scheduled }, "at least one maintenance window"),
        ("windows", new PolicySettings { Mode = UpdateMode.Scheduled, Windows = [] }, "at least one maintenance window"),
        ("windows", new PolicySettings { Windows = [.. Enumerable.Range(0, 21).Select(i => Window($"{i} 2 * * * for 1h"))] }, "at most 20"),
    }.Select((c, i) => (Name: $"{i:00} {c.Item1}", Case: c)).ToDictionary(x => x.Name, x => x.Case);

    public static TheoryData<string> Broken => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_setting_out_of_its_limits_is_an_error_naming_it(string name)
    {
        var (setting, settings, says) = Cases[name];
        var error = PolicyValidation.Validate(settings).ShouldHaveSingleItem();

        error.Setting.ShouldBe(setting);
        error.Message.ShouldContain(says);
    }

    [Fact]
    public void A_full_policy_within_its_limits_has_no_errors()
    {
        PolicyValidation.Validate(new PolicySettings
        {
            Enabled = true,
            Mode = UpdateMode.Scheduled,
            Windows = [Window("0 2 * * * for 2h in Europe/Berlin")],
            ApprovalExpiry = TimeSpan.FromDays(7),
            Track = TagTrack.Minor,
            TagInclude = "-alpine$",
            TagExclude = "rc",
            TagPattern = "^(?<version>\\d+)$",
            Skip = ["1.4.2", "sha256:" + new string('f', 64)],
            Pin = "1.4",
            MinimumAge = TimeSpan.Zero,
            CheckInterval = TimeSpan.FromMinutes(1),
            CanaryCount = 0,
            CanaryPercent = 100,
            CanaryWindow = TimeSpan.FromDays(1),
            MonitorWindow = TimeSpan.FromSeconds(1),
            HealthTimeout = TimeSpan.FromHours(1),
        }).ShouldBeEmpty();
    }

    [Fact]
    public void Every_broken_setting_is_reported_at_once()
    {
        var errors = PolicyValidation.Validate(new PolicySettings { CheckInterval = TimeSpan.FromSeconds(1), CanaryPercent = 200, Pin = "-" });

        errors.Select(e => e.Setting).ShouldBe(["checkInterval", "canaryPercent", "pin"], ignoreOrder: true);
    }
}
