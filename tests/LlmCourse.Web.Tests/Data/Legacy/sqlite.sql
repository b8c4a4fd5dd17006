-- The schema as the seven hand-written migrations built it (main up to 20261204090000_LearnerVersions),
-- scripted by 'dotnet ef migrations script' from those migrations before they were replaced by generated
-- ones. Upgrade tests build a database from it; history rows carry 10.0.14, the EF Core version they ran on.
CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName", "ConcurrencyStamp") VALUES ('role-learner', 'Learner', 'LEARNER', 'role-learner'), ('role-instructor', 'Instructor', 'INSTRUCTOR', 'role-instructor');

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122080000_Identity', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "ItemVisits" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ItemVisits" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "Day" TEXT NOT NULL,
    "WeekNumber" INTEGER NOT NULL,
    "ItemId" TEXT NOT NULL,
    "LastSlide" INTEGER NOT NULL,
    "SlidesSeen" INTEGER NOT NULL,
    "FirstAt" TEXT NOT NULL,
    "LastAt" TEXT NOT NULL,
    CONSTRAINT "FK_ItemVisits_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ItemCompletions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ItemCompletions" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "WeekNumber" INTEGER NOT NULL,
    "ItemId" TEXT NOT NULL,
    "CompletedAt" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    CONSTRAINT "FK_ItemCompletions_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ApiTokens" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApiTokens" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "LastUsedAt" TEXT NULL,
    "RevokedAt" TEXT NULL,
    CONSTRAINT "FK_ApiTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_ItemVisits_UserId_Day_WeekNumber_ItemId" ON "ItemVisits" ("UserId", "Day", "WeekNumber", "ItemId");

CREATE INDEX "IX_ItemVisits_UserId_LastAt" ON "ItemVisits" ("UserId", "LastAt");

CREATE UNIQUE INDEX "IX_ItemCompletions_UserId_WeekNumber_ItemId" ON "ItemCompletions" ("UserId", "WeekNumber", "ItemId");

CREATE UNIQUE INDEX "IX_ApiTokens_TokenHash" ON "ApiTokens" ("TokenHash");

CREATE INDEX "IX_ApiTokens_UserId" ON "ApiTokens" ("UserId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122090000_Progress', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NOT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122093000_DataProtectionKeys', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "StudyCards" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StudyCards" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "WeekNumber" INTEGER NOT NULL,
    "DeckId" TEXT NOT NULL,
    "CardId" TEXT NOT NULL,
    "State" INTEGER NOT NULL,
    "Step" INTEGER NULL,
    "Stability" REAL NULL,
    "Difficulty" REAL NULL,
    "Due" TEXT NOT NULL,
    "LastReview" TEXT NULL,
    "Starred" INTEGER NOT NULL,
    "LearnedInLearn" INTEGER NOT NULL,
    "CorrectInTest" INTEGER NOT NULL,
    CONSTRAINT "FK_StudyCards_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "StudyReviews" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StudyReviews" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ReviewId" TEXT NOT NULL,
    "WeekNumber" INTEGER NOT NULL,
    "DeckId" TEXT NOT NULL,
    "CardId" TEXT NOT NULL,
    "Rating" INTEGER NOT NULL,
    "ReviewedAt" TEXT NOT NULL,
    "ElapsedDays" INTEGER NOT NULL,
    "ScheduledDays" INTEGER NOT NULL,
    "Interval" TEXT NOT NULL,
    "StateBefore" INTEGER NOT NULL,
    "StateAfter" INTEGER NOT NULL,
    "StabilityBefore" REAL NULL,
    "StabilityAfter" REAL NOT NULL,
    "DifficultyBefore" REAL NULL,
    "DifficultyAfter" REAL NOT NULL,
    CONSTRAINT "FK_StudyReviews_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "StudySessions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StudySessions" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "WeekNumber" INTEGER NOT NULL,
    "DeckId" TEXT NOT NULL,
    "Mode" TEXT NOT NULL,
    "StartedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "FinishedAt" TEXT NULL,
    "Correct" INTEGER NOT NULL,
    "Answered" INTEGER NOT NULL,
    "TimeMs" INTEGER NULL,
    "StateJson" TEXT NULL,
    CONSTRAINT "FK_StudySessions_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "StudySettings" (
    "UserId" TEXT NOT NULL CONSTRAINT "PK_StudySettings" PRIMARY KEY,
    "DailyNewCards" INTEGER NOT NULL,
    "DesiredRetention" REAL NOT NULL,
    CONSTRAINT "FK_StudySettings_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_StudyCards_UserId_WeekNumber_DeckId_CardId" ON "StudyCards" ("UserId", "WeekNumber", "DeckId", "CardId");

CREATE INDEX "IX_StudyCards_UserId_Due" ON "StudyCards" ("UserId", "Due");

CREATE UNIQUE INDEX "IX_StudyReviews_UserId_ReviewId" ON "StudyReviews" ("UserId", "ReviewId");

CREATE INDEX "IX_StudyReviews_UserId_ReviewedAt" ON "StudyReviews" ("UserId", "ReviewedAt");

CREATE INDEX "IX_StudySessions_UserId_WeekNumber_DeckId_Mode" ON "StudySessions" ("UserId", "WeekNumber", "DeckId", "Mode");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122100000_Study', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "QuizSnapshots" (
    "Revision" TEXT NOT NULL CONSTRAINT "PK_QuizSnapshots" PRIMARY KEY,
    "SourceFile" TEXT NOT NULL,
    "Markdown" TEXT NOT NULL,
    "StoredAt" TEXT NOT NULL
);

CREATE TABLE "QuizAttempts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_QuizAttempts" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "WeekNumber" INTEGER NOT NULL,
    "QuizId" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "Seed" INTEGER NOT NULL,
    "Revision" TEXT NOT NULL,
    "GradedRevision" TEXT NULL,
    "StartedAt" TEXT NOT NULL,
    "Deadline" TEXT NULL,
    "SubmittedAt" TEXT NULL,
    "AutoClosed" INTEGER NOT NULL,
    "Score" REAL NULL,
    "MaxScore" REAL NOT NULL,
    "Passed" INTEGER NOT NULL,
    "MarksJson" TEXT NULL,
    CONSTRAINT "FK_QuizAttempts_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "QuizAnswers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_QuizAnswers" PRIMARY KEY AUTOINCREMENT,
    "AttemptId" TEXT NOT NULL,
    "QuestionId" TEXT NOT NULL,
    "ResponseJson" TEXT NOT NULL,
    "Revision" TEXT NOT NULL,
    "SavedAt" TEXT NOT NULL,
    CONSTRAINT "FK_QuizAnswers_QuizAttempts_AttemptId" FOREIGN KEY ("AttemptId") REFERENCES "QuizAttempts" ("Id") ON DELETE CASCADE
);

CREATE TABLE "QuizRegrades" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_QuizRegrades" PRIMARY KEY AUTOINCREMENT,
    "AttemptId" TEXT NOT NULL,
    "OldScore" REAL NOT NULL,
    "NewScore" REAL NOT NULL,
    "Revision" TEXT NOT NULL,
    "RegradedAt" TEXT NOT NULL,
    "RegradedBy" TEXT NOT NULL,
    CONSTRAINT "FK_QuizRegrades_QuizAttempts_AttemptId" FOREIGN KEY ("AttemptId") REFERENCES "QuizAttempts" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_QuizAttempts_UserId_WeekNumber_QuizId_Number" ON "QuizAttempts" ("UserId", "WeekNumber", "QuizId", "Number");

CREATE INDEX "IX_QuizAttempts_WeekNumber_QuizId_SubmittedAt" ON "QuizAttempts" ("WeekNumber", "QuizId", "SubmittedAt");

CREATE UNIQUE INDEX "IX_QuizAnswers_AttemptId_QuestionId" ON "QuizAnswers" ("AttemptId", "QuestionId");

CREATE INDEX "IX_QuizRegrades_AttemptId" ON "QuizRegrades" ("AttemptId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122110000_Quizzes', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "ContentFiles" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ContentFiles" PRIMARY KEY AUTOINCREMENT,
    "Path" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "UpdatedBy" TEXT NOT NULL
);

CREATE TABLE "ContentRevisions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ContentRevisions" PRIMARY KEY AUTOINCREMENT,
    "Path" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "Deleted" INTEGER NOT NULL,
    "Author" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Action" TEXT NOT NULL
);

CREATE TABLE "WeekPublications" (
    "WeekNumber" INTEGER NOT NULL CONSTRAINT "PK_WeekPublications" PRIMARY KEY,
    "State" TEXT NOT NULL,
    "ReleaseAt" TEXT NULL,
    "ChangedBy" TEXT NOT NULL,
    "ChangedAt" TEXT NOT NULL
);

CREATE TABLE "PublishingAudit" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PublishingAudit" PRIMARY KEY AUTOINCREMENT,
    "At" TEXT NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Target" TEXT NOT NULL,
    "Detail" TEXT NOT NULL
);

CREATE UNIQUE INDEX "IX_ContentFiles_Path" ON "ContentFiles" ("Path");

CREATE INDEX "IX_ContentRevisions_Path_Id" ON "ContentRevisions" ("Path", "Id");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122120000_Publishing', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "LearnerVersions" (
    "UserId" TEXT NOT NULL CONSTRAINT "PK_LearnerVersions" PRIMARY KEY,
    "Version" INTEGER NOT NULL
);

CREATE TRIGGER "ItemVisits_learner_version_insert" AFTER INSERT ON "ItemVisits"
BEGIN
INSERT INTO "LearnerVersions" ("UserId", "Version")
SELECT NEW."UserId", 1 WHERE EXISTS (SELECT 1 FROM "AspNetUsers" WHERE "Id" = NEW."UserId")
ON CONFLICT ("UserId") DO UPDATE SET "Version" = "LearnerVersions"."Version" + 1;
END;

CREATE TRIGGER "ItemVisits_learner_version_update" AFTER UPDATE ON "ItemVisits"
BEGIN
INSERT INTO "LearnerVersions" ("UserId", "Version")
SELECT NEW."UserId", 1 WHERE EXISTS (SELECT 1 FROM "AspNetUsers" WHERE "Id" = NEW."UserId")
ON CONFLICT ("UserId") DO UPDATE SET "Version" = "LearnerVersions"."Version" + 1;
END;

CREATE TRIGGER "ItemVisits_learner_version_delete" AFTER DELETE ON "ItemVisits"
BEGIN
INSERT INTO "LearnerVersions" ("UserId", "Version")
SELECT OLD."UserId", 1 WHERE EXISTS (SELECT 1 FROM "AspNetUsers" WHERE "Id" = OLD."UserId")
ON CONFLICT ("UserId") DO UPDATE SET "Version" = "LearnerVersions"."Version" + 1;
END;

CREATE TRIGGER "ItemCompletions_learner_version_insert" AFTER INSERT ON "ItemCompletions"
BEGIN
INSERT INTO "LearnerVersions" ("UserId", "Version")
SELECT NEW."UserId", 1 WHERE EXISTS (SELECT 1 FROM "AspNetUsers" WHERE "Id" = NEW."UserId")
ON CONFLICT ("UserId") DO UPDATE SET "Version" = "LearnerVersions"."Version" + 1;
END;

CREATE TRIGGER "ItemCompletions_learner_version_update" AFTER UPDATE ON "ItemCompletions"
BEGIN
INSERT INTO "LearnerVersions" ("UserId", "Version")
SELECT NEW."UserId", 1 WHERE EXISTS (SELECT 1 FROM "AspNetUsers" WHERE "Id" = NEW."UserId")
ON CONFLICT ("UserId") DO UPDATE SET "Version" = "LearnerVersions"."Version" + 1;
END;

CREATE TRIGGER "ItemCompletions_learner_version_delete" AFTER DELETE ON "ItemCompletions"
BEGIN
INSERT INTO "LearnerVersions" ("UserId", "Version")
SELECT OLD."UserId", 1 WHERE EXISTS (SELECT 1 FROM "AspNetUsers" WHERE "Id" = OLD."UserId")
ON CONFLICT ("UserId") DO UPDATE SET "Version" = "LearnerVersions"."Version" + 1;
END;

CREATE TRIGGER "StudyCards_learner_version_insert" AFTER INSERT ON "StudyCards"
BEGIN
INSERT INTO "LearnerVersions" ("UserId", "Version")
SELECT NEW."UserId", 1 WHERE EXISTS (SELECT 1 FROM "AspNetUsers" WHERE "Id" = NEW."UserId")
ON CONFLICT ("UserId") DO UPDATE SET "Version" = "LearnerVersions"."Version" + 1;
END;

CREATE TRIGGER "StudyCards_learner_version_update" AFTER UPDATE ON "StudyCards"
BEGIN
INSERT INTO "LearnerVersions" ("UserId", "Version")
SELECT NEW."UserId", 1 WHERE EXISTS (SELECT 1 FROM "AspNetUsers" WHERE "Id" = NEW."UserId")
ON CONFLICT ("UserId") DO UPDATE SET "Version" = "LearnerVersions"."Version" + 1;
END;

CREATE TRIGGER "StudyCards_learner_version_delete" AFTER DELETE ON "StudyCards"
BEGIN
INSERT INTO "LearnerVersions" ("UserId", "Version")
SELECT OLD."UserId", 1 WHERE EXISTS (SELECT 1 FROM "AspNetUsers" WHERE "Id" = OLD."UserId")
ON CONFLICT ("UserId") DO UPDATE SET "Version" = "LearnerVersions"."Version" + 1;
END;

CREATE TRIGGER "StudyReviews_learner_version_insert" AFTER INSERT ON "StudyReviews"
BEGIN
INSERT INTO "LearnerVersions" ("UserId", "Version")
SELECT NEW."UserId", 1 WHERE EXISTS (SELECT 1 FROM "AspNetUsers" WHERE "Id" = NEW."UserId")
ON CONFLICT ("UserId") DO UPDATE SET "Version" = "LearnerVersions"."Version" + 1;
END;

CREATE TRIGGER "StudyReviews_learner_version_update" AFTER UPDATE ON "StudyReviews"
BEGIN
INSERT INTO "LearnerVersions" ("UserId", "Version")
SELECT NEW."UserId", 1 WHERE EXISTS (SELECT 1 FROM "AspNetUsers" WHERE "Id" = NEW."UserId")
ON CONFLICT ("UserId") DO UPDATE SET "Version" = "LearnerVersions"."Version" + 1;
END;

CREATE TRIGGER "StudyReviews_learner_version_delete" AFTER DELETE ON "StudyReviews"
BEGIN
INSERT INTO "LearnerVersions" ("UserId", "Version")
SELECT OLD."UserId", 1 WHERE EXISTS (SELECT 1 FROM "AspNetUsers" WHERE "Id" = OLD."UserId")
ON CONFLICT ("UserId") DO UPDATE SET "Version" = "LearnerVersions"."Version" + 1;
END;

CREATE TRIGGER "StudySettings_learner_version_insert" AFTER INSERT ON "StudySettings"
BEGIN
INSERT INTO "LearnerVersions" ("UserId", "Version")
SELECT NEW."UserId", 1 WHERE EXISTS (SELECT 1 FROM "AspNetUsers" WHERE "Id" = NEW."UserId")
ON CONFLICT ("UserId") DO UPDATE SET "Version" = "LearnerVersions"."Version" + 1;
END;

CREATE TRIGGER "StudySettings_learner_version_update" AFTER UPDATE ON "StudySettings"
BEGIN
INSERT INTO "LearnerVersions" ("UserId", "Version")
SELECT NEW."UserId", 1 WHERE EXISTS (SELECT 1 FROM "AspNetUsers" WHERE "Id" = NEW."UserId")
ON CONFLICT ("UserId") DO UPDATE SET "Version" = "LearnerVersions"."Version" + 1;
END;

CREATE TRIGGER "StudySettings_learner_version_delete" AFTER DELETE ON "StudySettings"
BEGIN
INSERT INTO "LearnerVersions" ("UserId", "Version")
SELECT OLD."UserId", 1 WHERE EXISTS (SELECT 1 FROM "AspNetUsers" WHERE "Id" = OLD."UserId")
ON CONFLICT ("UserId") DO UPDATE SET "Version" = "LearnerVersions"."Version" + 1;
END;

CREATE TRIGGER "AspNetUsers_learner_version" AFTER DELETE ON "AspNetUsers"
BEGIN
DELETE FROM "LearnerVersions" WHERE "UserId" = OLD."Id";
END;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204090000_LearnerVersions', '10.0.14');

COMMIT;

