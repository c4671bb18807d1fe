using Dockward.Core.Containers;

namespace Dockward.Core.Tests.Containers;

[Trait("Area", "Api")]
public sealed class EnvMaskingTests
{
    [Theory]
    [InlineData("DB_PASSWORD=hunter2")]
    [InlineData("MYSQL_ROOT_PASSWD=hunter2")]
    [InlineData("client_secret=abc")]
    [InlineData("GITHUB_TOKEN=ghp_x")]
    [InlineData("API_KEY=k")]
    [InlineData("AWS_CREDENTIALS=c")]
    [InlineData("SSH_PRIVATE=p")]
    [InlineData("BASIC_AUTH=user:pw")]
    [InlineData("DATABASE_URL=postgres://app:s3cret@db:5432/app")]
    [InlineData("CONNECTION=Server=db;User Id=app;Password=s3cret;")]
    [InlineData("ODBC=Driver={x};Uid=app;Pwd=s3cret")]
    public void A_secret_looking_variable_is_masked_for_everyone_but_admins(string entry)
    {
        var masked = EnvMasking.Show([entry], reveal: false).Single();
        var shown = EnvMasking.Show([entry], reveal: true).Single();

        masked.Value.ShouldBe(EnvMasking.Mask);
        masked.Masked.ShouldBeTrue();
        masked.Name.ShouldBe(entry[..entry.IndexOf('=', StringComparison.Ordinal)]);
        shown.Value.ShouldBe(entry[(entry.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        shown.Masked.ShouldBeFalse();
    }

    [Theory]
    [InlineData("PATH=/usr/local/bin:/usr/bin", "/usr/local/bin:/usr/bin")]
    [InlineData("TZ=Europe/Berlin", "Europe/Berlin")]
    [InlineData("UPSTREAM=http://api:8080/v1", "http://api:8080/v1")]
    [InlineData("EMPTY=", "")]
    [InlineData("JAVA_OPTS=-Xmx1g -Dfile.encoding=UTF-8", "-Xmx1g -Dfile.encoding=UTF-8")]
    public void A_harmless_variable_is_shown_to_viewers(string entry, string value)
    {
        var shown = EnvMasking.Show([entry], reveal: false).Single();

        shown.Value.ShouldBe(value);
        shown.Masked.ShouldBeFalse();
    }

    [Fact]
    public void Variables_keep_their_order_and_a_value_may_hold_equals_signs()
    {
        var shown = EnvMasking.Show(["B=1", "A=x=y", "NOVALUE"], reveal: false);

        shown.Select(v => (v.Name, v.Value)).ShouldBe([("B", "1"), ("A", "x=y"), ("NOVALUE", "")]);
    }
}
