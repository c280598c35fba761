using System.CommandLine;
using System.Text;
using MyTracker.Fixtures;

namespace MyTracker.Fake.Tool.Fixtures;

/// <summary>
/// The credentials options shared by <c>record</c> and <c>verify</c>. The API user id may be an argument;
/// the secret key never is: it comes from an environment variable or, in a terminal, a prompt that does
/// not echo. There is deliberately no option and no file for it.
/// </summary>
internal sealed class Credentials
{
    public const string UserVariable = "MYTRACKER_API_USER_ID";
    public const string SecretVariable = "MYTRACKER_SECRET_KEY";

    public Option<string?> ApiUser { get; } = new("--api-user") { HelpName = "id", Description = $"API User ID to sign with (default: ${UserVariable})." };

    public Option<string> SecretEnv { get; } = new("--secret-env")
    {
        HelpName = "name",
        Description = $"Environment variable holding the secret key (default {SecretVariable}); without it, a terminal asks. Never an argument or a file.",
        DefaultValueFactory = _ => SecretVariable,
    };

    public Option<bool> NoSign { get; } = new("--no-sign") { Description = "Send requests unsigned (an upstream without authentication, such as fake-tracker --no-auth)." };

    public IEnumerable<Option> All => [ApiUser, SecretEnv, NoSign];

    /// <summary>Adds the options to a command, <c>--secret-env</c> with a validator that never repeats its value.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }

        // A user may pass the secret itself here: the message says what is wanted, never what was given.
        SecretEnv.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is not { } name || !IsVariableName(name))
            {
                result.AddError("--secret-env takes the name of an environment variable (letters, digits and _), and what was given is not one; it is not shown, in case it is the secret itself");
            }
        });
    }

    /// <summary>The credentials, or null when unsigned; an error line when the secret cannot be had.</summary>
    public (ApiCredentials? Credentials, string? Error, string Description) Read(ParseResult parsed, TextWriter error)
    {
        if (parsed.GetValue(NoSign))
        {
            return (null, null, "unsigned (--no-sign)");
        }

        var user = parsed.GetValue(ApiUser) ?? Environment.GetEnvironmentVariable(UserVariable);
        if (string.IsNullOrWhiteSpace(user))
        {
            return (null, $"give --api-user <id> (or set {UserVariable}) to sign requests, or --no-sign to send them unsigned", string.Empty);
        }

        var variable = parsed.GetValue(SecretEnv)!;
        var secret = Environment.GetEnvironmentVariable(variable);

        // The default name is ours to say; a name the user gave is not repeated (it may be the secret itself).
        var named = parsed.GetResult(SecretEnv) is { Implicit: false } ? "the variable --secret-env names" : "$" + SecretVariable;
        var from = named;
        if (string.IsNullOrEmpty(secret))
        {
            if (Console.IsInputRedirected)
            {
                var set = named == "$" + SecretVariable ? "set " + SecretVariable : "the variable --secret-env names is not set";
                return (null, $"no secret key: {set} (or run in a terminal to be asked); it is never taken from an argument or a file", string.Empty);
            }

            secret = Prompt(user, error);
            from = "the prompt";
            if (string.IsNullOrEmpty(secret))
            {
                return (null, "no secret key entered", string.Empty);
            }
        }

        return (new ApiCredentials(user.Trim(), secret), null, $"signed as API user {user.Trim()} (secret from {from})");
    }

    private static bool IsVariableName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Prompt(string user, TextWriter error)
    {
        error.Write($"Secret key of API user {user} (not shown): ");
        error.Flush();
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0)
                {
                    secret.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }

        error.WriteLine();
        return secret.ToString();
    }
}
