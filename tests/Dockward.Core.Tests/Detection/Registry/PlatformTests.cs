using Dockward.Core.Detection.Registry;

namespace Dockward.Core.Tests.Detection.Registry;

[Trait("Area", "Detection")]
public sealed class PlatformTests
{
    [Theory]
    [InlineData("linux/arm64/v8", "linux/arm64")]
    [InlineData("linux/aarch64", "linux/arm64")]
    [InlineData("linux/arm64/8", "linux/arm64")]
    [InlineData("linux/arm64/v9.0", "linux/arm64/v9")]
    [InlineData("linux/amd64/v1", "linux/amd64")]
    [InlineData("linux/x86_64", "linux/amd64")]
    [InlineData("linux/amd64/v3", "linux/amd64/v3")]
    [InlineData("linux/arm", "linux/arm/v7")]
    [InlineData("linux/arm/7", "linux/arm/v7")]
    [InlineData("linux/arm/6", "linux/arm/v6")]
    [InlineData("linux/armhf", "linux/arm/v7")]
    [InlineData("linux/armel", "linux/arm/v6")]
    [InlineData("linux/i386", "linux/386")]
    [InlineData("Linux/AMD64", "linux/amd64")]
    [InlineData("macos/arm64", "darwin/arm64")]
    [InlineData("windows/amd64", "windows/amd64")]
    public void Spellings_of_one_platform_normalise_as_containerd_does(string text, string normalised)
    {
        Platform.TryParse(text, out var platform).ShouldBeTrue();

        platform.ToString().ShouldBe(normalised);
        platform.ShouldBe(Platform.TryParse(normalised, out var other) ? other : null);
    }

    [Fact]
    public void Arm64_with_and_without_its_default_variant_is_one_platform_and_arm_v6_is_not_v7()
    {
        Platform.Of("linux", "arm64", "v8").ShouldBe(Platform.Of("linux", "arm64", null));
        Platform.Of("linux", "arm", "v6").ShouldNotBe(Platform.Of("linux", "arm", null));
        Platform.Of("linux", "amd64", null).ShouldNotBe(Platform.Of("linux", "arm64", null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("linux")]
    [InlineData("linux/")]
    [InlineData("/amd64")]
    [InlineData("linux/amd64/")]
    [InlineData("linux/amd64/v1/extra")]
    [InlineData("linux/amd 64")]
    [InlineData("linux/amd64;rm")]
    public void Text_that_is_not_os_arch_variant_does_not_parse(string? text)
    {
        Platform.TryParse(text, out var platform).ShouldBeFalse();
        platform.ShouldBeNull();
    }

    [Fact]
    public void Unknown_unknown_is_the_attestation_platform()
    {
        Platform.Of("unknown", "unknown", null)!.IsUnknown.ShouldBeTrue();
        Platform.Of("linux", "unknown", null)!.IsUnknown.ShouldBeFalse();
    }
}
