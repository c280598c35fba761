namespace MyTracker.Client;

/// <summary>
/// The columns segment export documents for <c>requestFields</c>, by audience: what the fixtures' value
/// list cannot say is which fields belong to a device segment and which to a user segment.
/// </summary>
public sealed partial record SegmentExportCreateRequest
{
    /// <summary>Fields of a segment of devices: idApp, idProfile, gaid, idfa, oaid.</summary>
    public static class DeviceFields
    {
        /// <summary>Application id in myTracker.</summary>
        public const string IdApp = "idApp";

        /// <summary>The device in the app (a pair of app and device).</summary>
        public const string IdProfile = "idProfile";

        /// <summary>Android advertising id.</summary>
        public const string Gaid = "gaid";

        /// <summary>iOS identifier for advertisers.</summary>
        public const string Idfa = "idfa";

        /// <summary>Open anonymous device id.</summary>
        public const string Oaid = "oaid";
    }

    /// <summary>Fields of a segment of users: idProject, idProjectUser, customUserId.</summary>
    public static class UserFields
    {
        /// <summary>Project id.</summary>
        public const string IdProject = "idProject";

        /// <summary>The user in the project.</summary>
        public const string IdProjectUser = "idProjectUser";

        /// <summary>The app's own user id.</summary>
        public const string CustomUserId = "customUserId";
    }
}
