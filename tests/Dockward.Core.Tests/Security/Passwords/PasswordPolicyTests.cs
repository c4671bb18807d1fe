using Dockward.Core.Security.Passwords;

namespace Dockward.Core.Tests.Security.Passwords;

[Trait("Area", "Security")]
public sealed class PasswordPolicyTests
{
    private static readonly CommonPasswords Common = new();

    private readonly PasswordPolicy _policy = new(Common);

    [Fact]
    public void Seven_characters_are_too_few()
    {
        _policy.FirstProblem("x7#kQ2z", "alice").ShouldBe("Use at least 8 characters; a few words with spaces between them make a good password.");
        _policy.FirstProblem("x7#kQ2zm", "alice").ShouldBeNull();
    }

    [Fact]
    public void Characters_are_counted_as_code_points_not_utf16_units()
    {
        // Seven emoji are 14 UTF-16 units but 7 characters.
        _policy.FirstProblem("🐳🐳🐳🐳🐳🐳🐳", "alice").ShouldNotBeNull();
        _policy.FirstProblem("🐳🐳🐳🐳🐳🐳🐳🚢", "alice").ShouldBeNull();
    }

    [Fact]
    public void More_than_128_characters_are_too_many()
    {
        var longest = string.Concat(Enumerable.Repeat("tide pool ", 13))[..128];

        _policy.FirstProblem(longest, "alice").ShouldBeNull();
        _policy.FirstProblem(longest + "x", "alice").ShouldBe("Use at most 128 characters.");
    }

    [Theory]
    [InlineData("password123")]
    [InlineData("PASSWORD123")]
    [InlineData("Password123")]
    [InlineData("iloveyou1")]
    [InlineData("QwertyUiop")]
    [InlineData("12345678")]
    [InlineData("1q2w3e4r")]
    [InlineData("P@ssw0rd")]
    [InlineData("Summer2024")]
    public void Common_passwords_are_refused_in_any_case(string password)
    {
        _policy.FirstProblem(password, "alice").ShouldBe("This password is one of the most common ones and is guessed quickly; choose another.");
    }

    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("Alice", "ALICEalice")]
    [InlineData("bob", "my name is BOB!")]
    [InlineData(" carol ", "xx carol 2026 xx")]
    public void A_password_containing_the_user_name_is_refused(string userName, string password)
    {
        var padded = password.Length < 8 ? password + " pad pad" : password;

        _policy.FirstProblem(padded, userName).ShouldBe("Choose a password that does not contain your user name.");
    }

    [Fact]
    public void User_names_shorter_than_3_characters_are_not_looked_for()
    {
        _policy.FirstProblem("joyful tide pool", "jo").ShouldBeNull();
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("Über den Wolken muss die Freiheit grenzenlos sein")]
    [InlineData("我的密码是一匹马和一颗星星")]
    [InlineData("  spaces   at both ends  ")]
    [InlineData("ĉiu ŝafo manĝas ĥaoson")]
    public void Long_passphrases_with_spaces_and_any_unicode_are_accepted(string password)
    {
        _policy.FirstProblem(password, "alice").ShouldBeNull();
    }

    [Fact]
    public void The_common_password_list_has_at_least_1000_distinct_entries_of_8_or_more_characters()
    {
        Common.Count.ShouldBeGreaterThanOrEqualTo(1000);
        Common.All.ShouldAllBe(password => password.Length >= 8);
        Common.All.ShouldAllBe(password => !password.Any(char.IsUpper) && password.Trim() == password);
        Common.All.Distinct(StringComparer.OrdinalIgnoreCase).Count().ShouldBe(Common.Count);
        Common.Contains("password1").ShouldBeTrue();
        Common.Contains("QWERTYUIOP").ShouldBeTrue();
    }

    [Fact]
    public void The_list_file_has_no_duplicate_lines()
    {
        // The set hides duplicates, so read the file itself: a duplicate means the list was edited carelessly.
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("Dockward.Core.Security.Passwords.common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();

        lines.Count.ShouldBe(Common.Count);
        lines[0].ShouldNotStartWith("#");
    }
}
