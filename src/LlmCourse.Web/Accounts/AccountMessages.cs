namespace LlmCourse.Web.Accounts;

/// <summary>What the account forms say when a password is refused, in one place so every form says the same.</summary>
public static class AccountMessages
{
    /// <summary>
    /// The sign-in form's only failure message: an unknown email, a wrong password and a locked account get the
    /// same words, so the form does not tell anyone whether an account exists.
    /// </summary>
    public const string SignInFailed =
        "The email or password is not right. Too many wrong passwords lock an account for 15 minutes.";

    /// <summary>For someone who gave the right password for an account whose address is not confirmed yet.</summary>
    public const string ConfirmFirst =
        "Confirm your email address first: we have sent the link again (it works within one hour). Check your inbox, then sign in.";

    /// <summary>For a signed-in learner confirming their password (they already know the account exists).</summary>
    public const string LockedOut = "Too many wrong passwords: your account is locked for 15 minutes. Nothing was changed.";
}
