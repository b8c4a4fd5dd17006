"""Seeds a class for the insight benchmark through the site's own pages and API (run by bench/run.sh).

usage: python3 bench/seed-insight-class.py BASE_URL LEARNERS SQLITE_DB INSTRUCTOR_EMAIL PASSWORD

Each learner registers, reads week 7's lecture up to a random slide, answers its quiz (random picks) and reviews
the flashcard of slide 4. Then one more account registers and is made an instructor in the database (the site
has no command for that outside Development); it signs in afresh so its cookie carries the role.
"""
import http.cookiejar, json, random, re, sqlite3, sys, urllib.parse, urllib.request, uuid

base, learners, db_path, instructor, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
random.seed(20)
TOKEN = re.compile(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"')
META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def client():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)), jar


def get(opener, path):
    with opener.open(base + path) as r:
        return r.read().decode()


def post_form(opener, path, fields, token_page):
    fields["__RequestVerificationToken"] = TOKEN.search(get(opener, token_page)).group(1)
    with opener.open(base + path, urllib.parse.urlencode(fields).encode()) as r:
        return r.read().decode()


def send(opener, method, path, csrf, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method, headers={"X-CSRF-TOKEN": csrf, "Content-Type": "application/json"})
    with opener.open(request) as r:
        return json.loads(r.read().decode() or "null")


def register(email):
    opener, jar = client()
    post_form(opener, "/account/register", {"Input.DisplayName": email.split("@")[0], "Input.Email": email,
                                            "Input.Password": password, "Input.ConfirmPassword": password}, "/account/register")
    return opener, jar


quiz = "/api/v1/weeks/7/quizzes/quiz/attempts"
for n in range(learners):
    opener, _ = register(f"insight-{n}@example.com")
    for slide in range(1, random.choice([13, 13, random.randint(1, 13)]) + 1):
        get(opener, f"/weeks/7/lecture/slides/{slide}")
    csrf = META.search(get(opener, "/study/review")).group(1)
    attempt = send(opener, "POST", quiz, csrf)["attempt"]["id"]
    questions = send(opener, "GET", f"{quiz}/{attempt}", csrf)["questions"]
    answers = {}
    for q in questions:
        if q["type"] in ("single", "truefalse", "multiple") and q["choices"]:
            answers[q["id"]] = {"c": [random.choice(q["choices"])["id"]]}
        elif q["type"] == "numeric":
            answers[q["id"]] = {"n": random.choice(["50", "7"])}
    send(opener, "POST", f"{quiz}/{attempt}/submission", csrf, answers)
    for rating in random.sample(["again", "hard", "good", "easy"], random.randint(1, 3)):
        send(opener, "PUT", f"/api/v1/me/study/reviews/{uuid.uuid4().hex}", csrf,
             {"week": 7, "deckId": "flashcards", "cardId": "what-is-fine-tuning", "rating": rating})

register(instructor)
with sqlite3.connect(db_path) as db:
    user = db.execute("SELECT Id FROM AspNetUsers WHERE NormalizedEmail = ?", (instructor.upper(),)).fetchone()[0]
    role = db.execute("SELECT Id FROM AspNetRoles WHERE Name = 'Instructor'").fetchone()[0]
    db.execute("UPDATE AspNetUserRoles SET RoleId = ? WHERE UserId = ?", (role, user))
opener, jar = client()
post_form(opener, "/account/sign-in", {"Input.Email": instructor, "Input.Password": password}, "/account/sign-in")
print("; ".join(f"{c.name}={c.value}" for c in jar))
