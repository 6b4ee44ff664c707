//! studio-lite over HTTP, on both backends: every page, and the security rules.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::Child;

use crate::support::fixtures::{seeded, sh};
use crate::support::{BACKENDS, Backend, Project};

/// A running `dbctl studio-lite` and an HTTP client that carries its cookie.
pub(crate) struct Studio {
    child: Option<Child>,
    /// Where requests connect: the loopback address and port.
    pub base: String,
    /// The printed URL's scheme, this launch's own host name and the port (what a browser uses).
    pub printed: String,
    /// That host name and port, sent as Host: the server answers to nothing else.
    pub host: String,
    pub token: String,
    cookie: String,
    agent: ureq::Agent,
}

pub(crate) struct Page {
    pub status: u16,
    pub body: String,
    pub headers: Vec<(String, String)>,
}

impl Page {
    fn has(&self, needle: &str) -> &Self {
        assert!(
            self.body.contains(needle),
            "`{needle}` not on the page (status {}):\n{}",
            self.status,
            self.body
        );
        self
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The href of the first link with `marker` (e.g. `rel="next"`) in its tag.
    fn link(&self, marker: &str) -> String {
        let at = self.body.find(marker).unwrap_or_else(|| panic!("no `{marker}` link in:\n{}", self.body));
        let tag_start = self.body[..at].rfind('<').unwrap();
        let tag = &self.body[tag_start..];
        let href = tag.find("href=\"").unwrap() + 6;
        let end = tag[href..].find('"').unwrap();
        tag[href..href + end].replace("&amp;", "&")
    }

    /// The cells of the table rows on the page (text between <td> tags, tags stripped).
    fn cells(&self) -> Vec<Vec<String>> {
        let Some(start) = self.body.find("<tbody>") else { return Vec::new() };
        let end = self.body[start..].find("</tbody>").unwrap() + start;
        self.body[start..end]
            .split("<tr>")
            .skip(1)
            .map(|row| {
                row.split("<td")
                    .skip(1)
                    .map(|c| {
                        let c = &c[c.find('>').unwrap() + 1..];
                        let c = &c[..c.find("</td>").unwrap_or(c.len())];
                        strip_tags(c)
                    })
                    .collect()
            })
            .collect()
    }
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for ch in s.chars() {
        match ch {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
}

impl Studio {
    /// studio-lite on `p`'s database. The suite's PostgreSQL role is a superuser, whose console
    /// is off without --allow-superuser; these tests are about everything else.
    pub(crate) fn start(p: &Project, args: &[&str]) -> Studio {
        let run = p.cmd().args(["studio-lite", "--port", "0"]).args(args);
        Self::launch(if p.backend == Backend::Pg { run.args(["--allow-superuser"]) } else { run })
    }

    /// Starts a prepared `dbctl studio-lite` command and waits for its URL.
    pub(crate) fn launch(run: crate::support::Run) -> Studio {
        let mut child = run.spawn();
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
        let url = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap_or_else(|| {
            let mut err = String::new();
            child.stderr.as_mut().unwrap().read_to_string(&mut err).unwrap();
            panic!("no URL printed: {line:?} {err}")
        });
        let (printed, token) = url.split_once("/?token=").unwrap();
        let agent: ureq::Agent =
            ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).build().into();
        let host = printed.trim_start_matches("http://").to_string();
        let port = host.rsplit(':').next().unwrap();
        Studio {
            child: Some(child),
            base: format!("http://127.0.0.1:{port}"),
            printed: printed.to_string(),
            host: host.clone(),
            token: token.to_string(),
            cookie: format!("dbctl_studio_{port}={token}"),
            agent,
        }
    }

    fn page(res: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Page {
        let mut res = res.unwrap();
        let headers = res
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
            .collect();
        let status = res.status().as_u16();
        let body = res.body_mut().with_config().limit(1 << 30).read_to_string().unwrap_or_default();
        Page { status, body, headers }
    }

    /// A GET with this server's Host and cookie, as a browser sends it.
    fn request(&self, path: &str) -> ureq::RequestBuilder<ureq::typestate::WithoutBody> {
        self.agent
            .get(format!("{}{path}", self.base))
            .header("Host", &self.host)
            .header("Cookie", &self.cookie)
    }

    pub(crate) fn get(&self, path: &str) -> Page {
        Self::page(self.request(path).call())
    }

    fn get_without_cookie(&self, path: &str) -> Page {
        Self::page(self.agent.get(format!("{}{path}", self.base)).header("Host", &self.host).call())
    }

    /// A form POST as the browser sends it from this server's page.
    pub(crate) fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        self.post_from(path, form, Some(&self.printed.clone()))
    }

    fn post_from(&self, path: &str, form: &[(&str, &str)], origin: Option<&str>) -> Page {
        let mut req = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("Host", &self.host)
            .header("Cookie", &self.cookie);
        if let Some(o) = origin {
            req = req.header("Origin", o);
        }
        Self::page(req.send_form(form.iter().copied()))
    }

    /// A raw request with any Host header (what a DNS-rebinding page would send).
    fn raw_with_host(&self, host: &str) -> String {
        let addr = self.base.trim_start_matches("http://");
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        write!(s, "GET / HTTP/1.1\r\nHost: {host}\r\nCookie: {}\r\nConnection: close\r\n\r\n", self.cookie)
            .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }
}

impl Studio {
    /// Stops it with SIGTERM and returns how it ended.
    fn stop(mut self) -> crate::support::Outcome {
        let child = self.child.take().unwrap();
        sh(&format!("kill -TERM {}", child.id()));
        crate::support::Outcome::from(child.wait_with_output().unwrap())
    }
}

impl Drop for Studio {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = sh(&format!("kill -TERM {} 2>/dev/null || true", child.id()));
            let _ = child.wait();
        }
    }
}

fn count(p: &Project, table: &str) -> usize {
    p.sql(&format!("SELECT count(*) FROM {table}")).trim().parse().unwrap()
}

#[test]
fn every_page_on_both_backends() {
    for backend in BACKENDS {
        let p = seeded(backend, &format!("studio_pages_{backend:?}").to_lowercase());
        let s = Studio::start(&p, &[]);
        let schema = if backend == Backend::Pg { "public" } else { "main" };

        // The token's first visit sets the cookie and drops the token from the address.
        let first = s.get_without_cookie(&format!("/?token={}", s.token));
        assert_eq!(first.status, 303, "{backend:?}");
        assert_eq!(first.header("location"), Some("/"));
        let cookie = first.header("set-cookie").unwrap();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");

        let tables = s.get("/");
        assert_eq!(tables.status, 200);
        tables.has(&format!("href=\"/t/{schema}/issues\"")).has(">users</a>").has("Rows (estimate)");

        // Booleans read true / false on both backends (PostgreSQL sends t / f, SQLite keeps 1 / 0).
        let users = s.get(&format!("/t/{schema}/users"));
        let cells = users.cells();
        assert!(cells.iter().any(|r| r.iter().any(|c| c == "true")), "{backend:?}: {cells:?}");
        assert!(!cells.iter().any(|r| r.iter().any(|c| c == "t" || c == "f")), "{backend:?}: {cells:?}");
        // The page says how many rows match, with and without a filter.
        let issues_total = p.sql("SELECT count(*) FROM issues").trim().to_string();
        s.get(&format!("/t/{schema}/issues?n=2")).has(&format!("2 shown of {issues_total} rows"));
        assert!(tables.header("content-security-policy").unwrap().contains("script-src 'self'"));

        // Keyset pages of two: forward three pages, back again, the last page.
        let base = format!("/t/{schema}/issues");
        let page1 = s.get(&format!("{base}?n=2"));
        assert_eq!(page1.status, 200, "{}", page1.body);
        let ids = |pg: &Page| pg.cells().iter().map(|r| r[1].clone()).collect::<Vec<_>>();
        let all: Vec<String> =
            p.sql("SELECT id FROM issues ORDER BY id").lines().map(|l| l.trim().to_string()).collect();
        assert_eq!(ids(&page1), all[..2]);
        let page2 = s.get(&page1.link("rel=\"next\""));
        assert_eq!(ids(&page2), all[2..4]);
        let page3 = s.get(&page2.link("rel=\"next\""));
        assert_eq!(ids(&page3), all[4..]);
        assert!(!page3.body.contains("rel=\"next\""), "the last page has no next");
        let back = s.get(&page3.link("rel=\"prev\""));
        assert_eq!(ids(&back), all[2..4]);
        let last = s.get(&format!("{base}?n=2&page=last"));
        assert_eq!(ids(&last), all[3..]);

        // Sort by title, descending; filters as parameters.
        let sorted = s.get(&format!("{base}?sort=title&dir=desc"));
        let titles: Vec<String> = sorted.cells().iter().map(|r| r[4].clone()).collect();
        let mut expected = titles.clone();
        expected.sort_by(|a, b| b.cmp(a));
        assert_eq!(titles, expected);
        let filtered = s.get(&format!("{base}?f.title.contains=SIGN-IN"));
        let titles: Vec<String> = filtered.cells().iter().map(|r| r[4].clone()).collect();
        assert_eq!(titles.len(), 3, "{titles:?}");
        assert!(titles.iter().all(|t| t.to_lowercase().contains("sign-in")));
        let numbered = s.get(&format!("{base}?f.number.ge=4&sort=number"));
        assert_eq!(numbered.cells().iter().map(|r| r[3].clone()).collect::<Vec<_>>(), ["4", "5"]);
        let null_parent = s.get(&format!("{base}?f.parent_id.null="));
        assert_eq!(null_parent.cells().len(), count(&p, "issues WHERE parent_id IS NULL"));
        assert!(null_parent.cells().iter().all(|r| r[9] == "NULL"), "{:?}", null_parent.cells());

        // A foreign-key value links to the referenced row, which lists what references it.
        let project = s.get(&page1.link("class=\"fk\""));
        assert_eq!(project.status, 200, "{}", project.body);
        project.has("Referenced by").has("issues</a>");
        let issues_of_project = s.get(&project.link(">issues</a>"));
        assert_eq!(issues_of_project.cells().len(), 5);

        // Row and schema views.
        let row = s.get(&format!("{base}/row?w.id={}", all[0]));
        row.has("Launch the new sign-in flow");
        let schema_page = s.get(&format!("{base}/schema"));
        schema_page.has("Indexes").has("issues_assignee").has("Foreign keys").has("projects</a>");

        // Streamed exports of the filtered view.
        let csv = s.get(&format!("{base}/export?format=csv&f.title.contains=sign-in"));
        assert_eq!(csv.status, 200);
        assert!(csv.header("content-disposition").unwrap().contains("issues.csv"));
        assert_eq!(csv.body.lines().count(), 4, "{}", csv.body);
        assert!(csv.body.starts_with("id,project_id,number,title"));
        let json = s.get(&format!("{base}/export?format=json"));
        let rows: serde_json::Value = serde_json::from_str(&json.body).unwrap();
        assert_eq!(rows.as_array().unwrap().len(), 5);
        assert_eq!(rows[0]["number"].to_string(), if backend == Backend::Pg { "\"1\"" } else { "1" });

        // The console: results, a plan, the row cap.
        let console = s.get("/sql");
        console.has("read-only transaction");
        let q = s.post("/sql", &[("sql", "SELECT title FROM issues ORDER BY number"), ("action", "run")]);
        q.has("5 rows").has("Launch the new sign-in flow");
        let plan = s.post("/sql", &[("sql", "SELECT * FROM issues WHERE number = 3"), ("action", "explain")]);
        plan.has("Plan");
        let exported =
            s.post("/sql", &[("sql", "SELECT number FROM issues ORDER BY number"), ("action", "csv")]);
        assert_eq!(exported.body, "number\n1\n2\n3\n4\n5\n");
        drop(s);

        let capped = Studio::start(&p, &["--row-cap", "3", "--statement-timeout", "300ms"]);
        let q = capped.post("/sql", &[("sql", "SELECT * FROM issues"), ("action", "run")]);
        q.has("3 rows").has("stopped at the row cap of 3");
        let slow = match backend {
            Backend::Pg => "SELECT pg_sleep(10)",
            Backend::Sqlite => {
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
            }
        };
        let started = std::time::Instant::now();
        let q = capped.post("/sql", &[("sql", slow), ("action", "run")]);
        q.has("statement timeout").has("300ms");
        assert!(started.elapsed() < std::time::Duration::from_secs(9), "the statement was stopped");
    }
}

#[test]
fn security_rules_on_both_backends() {
    for backend in BACKENDS {
        let p = seeded(backend, &format!("studio_security_{backend:?}").to_lowercase());
        let s = Studio::start(&p, &[]);
        let schema = if backend == Backend::Pg { "public" } else { "main" };
        let issues = count(&p, "issues");

        // No token, a wrong token: 401.
        assert_eq!(s.get_without_cookie("/").status, 401);
        assert_eq!(s.get_without_cookie(&format!("/t/{schema}/issues")).status, 401);
        assert_eq!(s.get_without_cookie("/?token=0123456789abcdef0123456789abcdef").status, 401);
        // Another Host (DNS rebinding): 403 even with the cookie.
        let rebound = s.raw_with_host("evil.example:80");
        assert!(rebound.starts_with("HTTP/1.1 403"), "{rebound}");

        // POSTs need this server's Origin (or Sec-Fetch-Site: same-origin).
        let form = [("sql", "SELECT 1"), ("action", "run")];
        assert_eq!(s.post_from("/sql", &form, None).status, 403);
        assert_eq!(s.post_from("/sql", &form, Some("http://evil.example")).status, 403);
        // An opaque origin (a sandboxed frame) is judged by the browser's Sec-Fetch-Site.
        let opaque = s
            .agent
            .post(format!("{}/sql", s.base))
            .header("Host", &s.host)
            .header("Cookie", &s.cookie)
            .header("Origin", "null")
            .header("Sec-Fetch-Site", "cross-site")
            .send_form(form.iter().copied())
            .unwrap();
        assert_eq!(opaque.status(), 403);
        assert_eq!(s.post("/sql", &form).status, 200);
        assert_eq!(s.request("/sql").call().unwrap().status(), 200);

        // Without --write, row changes are refused, and the console cannot write either.
        let del = s.post(
            &format!("/t/{schema}/issues/delete"),
            &[("w.id", "80000000-0000-4000-8000-000000000005"), ("confirm", "yes")],
        );
        assert_eq!(del.status, 403, "{}", del.body);
        del.has("--write");
        let q = s.post("/sql", &[("sql", "DELETE FROM issues"), ("action", "run")]);
        assert!(q.body.contains("read-only") || q.body.contains("readonly"), "{}", q.body);
        let q = s.post("/sql", &[("sql", "COMMIT"), ("action", "run")]);
        assert!(q.body.contains("not allowed here") || q.body.contains("no transaction"), "{}", q.body);
        let q = s.post("/sql", &[("sql", "SELECT 1; DELETE FROM issues"), ("action", "run")]);
        q.has("class=\"error sql-error\"");
        assert_eq!(count(&p, "issues"), issues, "nothing was deleted");

        // Injection through names and parameters: 400, nothing run.
        for path in [
            format!("/t/{schema}/issues%22%3B%20DROP%20TABLE%20labels%3B%20--"),
            format!("/t/{schema}/issues?sort=id%3B%20DROP%20TABLE%20labels"),
            format!("/t/{schema}/issues?sort=title&dir=desc%3B%20DROP%20TABLE%20labels"),
            format!("/t/{schema}/issues?f.id%22%20OR%201%3D1%20--.eq=1"),
            format!("/t/{schema}/issues?f.id.eq%3BDROP=1"),
            format!("/t/{schema}/issues?after=Wy8qKi8iXQ"),
            format!("/t/{schema}/issues/row?w.id%3D1%20OR%201=1"),
            format!("/t/{schema}/issues/export?format=csv%3Brm"),
            "/?schema=public%3B%20DROP%20TABLE%20labels".to_string(),
        ] {
            let r = s.get(&path);
            assert_eq!(r.status, 400, "{path}: {}", r.body);
        }
        // A filter value is a parameter: it matches nothing and runs nothing.
        let r = s.get(&format!("/t/{schema}/issues?f.title.eq=x%27%3B%20DROP%20TABLE%20labels%3B%20--"));
        assert_eq!(r.status, 200);
        assert!(r.cells().is_empty());
        assert!(p.tables().contains(&"labels".to_string()), "labels still exists");
        assert_eq!(count(&p, "issues"), issues);
    }
}

#[test]
fn write_mode_changes_one_row_at_a_time() {
    for backend in BACKENDS {
        let p = seeded(backend, &format!("studio_write_{backend:?}").to_lowercase());
        let s = Studio::start(&p, &["--write"]);
        let schema = if backend == Backend::Pg { "public" } else { "main" };
        let base = format!("/t/{schema}/labels");
        s.get(&format!("{base}/row?new=1")).has("Insert a row");
        let id = "40000000-0000-4000-8000-0000000000aa";
        let made =
            s.post(&format!("{base}/insert"), &[("v.id", id), ("v.name", "studio"), ("v.color", "#123456")]);
        assert_eq!(made.status, 303, "{}", made.body);
        assert_eq!(made.header("location").unwrap(), format!("{base}/row?w.id={id}"));
        assert_eq!(
            p.sql(&format!("SELECT name, color FROM labels WHERE id = '{id}'")).trim(),
            "studio|#123456"
        );
        // The default fills the empty field; NULL is asked for explicitly.
        assert_eq!(p.sql(&format!("SELECT description FROM labels WHERE id = '{id}'")).trim(), "");

        let edited = s.post(
            &format!("{base}/update"),
            &[
                ("w.id", id),
                ("v.name", "studio-lite"),
                ("v.color", "#654321"),
                ("null.organization_id", "on"),
            ],
        );
        assert_eq!(edited.status, 303, "{}", edited.body);
        assert_eq!(
            p.sql(&format!("SELECT name, color FROM labels WHERE id = '{id}'")).trim(),
            "studio-lite|#654321"
        );
        // A change the database refuses (the colour check) changes nothing.
        let refused = s.post(&format!("{base}/update"), &[("w.id", id), ("v.color", "red")]);
        assert_eq!(refused.status, 422, "{}", refused.body);
        assert_eq!(p.sql(&format!("SELECT color FROM labels WHERE id = '{id}'")).trim(), "#654321");
        // An update must name exactly one row.
        let none = s.post(&format!("{base}/update"), &[("w.id", "no-such-id"), ("v.name", "x")]);
        assert_eq!(none.status, 400);
        none.has("touch 0 rows");

        let unconfirmed = s.post(&format!("{base}/delete"), &[("w.id", id)]);
        assert_eq!(unconfirmed.status, 400);
        assert_eq!(count(&p, &format!("labels WHERE id = '{id}'")), 1);
        let deleted = s.post(&format!("{base}/delete"), &[("w.id", id), ("confirm", "yes")]);
        assert_eq!(deleted.status, 303, "{}", deleted.body);
        assert_eq!(count(&p, &format!("labels WHERE id = '{id}'")), 0);
        // Writes still need this server's Origin.
        let forged = s.post_from(
            &format!("{base}/delete"),
            &[("w.id", id), ("confirm", "yes")],
            Some("http://evil.example"),
        );
        assert_eq!(forged.status, 403);
        // The console stays read-only with --write.
        let q = s.post("/sql", &[("sql", "DELETE FROM labels"), ("action", "run")]);
        assert!(q.body.contains("read-only") || q.body.contains("readonly"), "{}", q.body);
        assert!(count(&p, "labels") > 0);
    }
}

#[test]
fn tables_without_a_primary_key_page_by_ctid_or_rowid() {
    for backend in BACKENDS {
        let p = seeded(backend, &format!("studio_nokey_{backend:?}").to_lowercase());
        p.sql("CREATE TABLE events (kind TEXT, n INTEGER)");
        let values: Vec<String> =
            (1..=7).map(|i| format!("('{}', {})", if i % 2 == 0 { "even" } else { "odd" }, i)).collect();
        p.sql(&format!("INSERT INTO events VALUES {}, (NULL, 8)", values.join(", ")));
        let s = Studio::start(&p, &[]);
        let schema = if backend == Backend::Pg { "public" } else { "main" };
        // Sorted by a column with duplicates and a NULL, three to a page, both ways: every row
        // exactly once, forward and back, and the NULL where the database's index holds it
        // (PostgreSQL: above every value, SQLite: below).
        for dir in ["asc", "desc"] {
            let mut seen = Vec::new();
            let mut pages = vec![s.get(&format!("/t/{schema}/events?n=3&sort=kind&dir={dir}"))];
            loop {
                let page = pages.last().unwrap();
                assert_eq!(page.status, 200, "{}", page.body);
                seen.extend(page.cells().iter().map(|r| r[2].clone()));
                if !page.body.contains("rel=\"next\"") {
                    break;
                }
                let next = s.get(&page.link("rel=\"next\""));
                pages.push(next);
            }
            let mut sorted = seen.clone();
            sorted.sort_by_key(|n| n.parse::<u32>().unwrap());
            assert_eq!(sorted, ["1", "2", "3", "4", "5", "6", "7", "8"], "{dir}: {seen:?}");
            let null_last = (backend == Backend::Pg) == (dir == "asc");
            let at = if null_last { seen.last() } else { seen.first() };
            assert_eq!(at.unwrap(), "8", "{dir} on {backend:?}: {seen:?}");
            // Back from the last page: the same rows, in the same order.
            let mut back = Vec::new();
            let mut page = pages.pop().unwrap();
            loop {
                let mut rows: Vec<String> = page.cells().iter().map(|r| r[2].clone()).collect();
                rows.extend(back);
                back = rows;
                if !page.body.contains("rel=\"prev\"") {
                    break;
                }
                page = s.get(&page.link("rel=\"prev\""));
            }
            assert_eq!(back, seen, "{dir} on {backend:?}: back");
        }
        // The row link works by ctid / rowid.
        let first = s.get(&format!("/t/{schema}/events?n=3"));
        let row = s.get(&first.link("title=\"Open the row\""));
        assert_eq!(row.status, 200, "{}", row.body);
        s.get(&format!("/t/{schema}/events/schema")).has("No primary key");
    }
}

#[test]
fn open_starts_the_browser_and_other_addresses_are_warned_about() {
    let p = seeded(Backend::Pg, "studio_open");
    p.sql("CREATE SCHEMA audit; CREATE TABLE audit.trail (id int PRIMARY KEY, what text)");
    let opened = p.path().join("opened.txt");
    let browser = p.path().join("browser.sh");
    // Written whole, then renamed: the test never reads a file the script is still writing.
    std::fs::write(
        &browser,
        format!("#!/bin/sh\necho \"$1\" > {0}.part && mv {0}.part {0}\n", opened.display()),
    )
    .unwrap();
    sh(&format!("chmod +x {}", browser.display()));
    let s = Studio::launch(
        p.cmd().args(["studio", "--port", "0", "--bind", "0.0.0.0", "--open"]).env("BROWSER", &browser),
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !opened.exists() {
        assert!(std::time::Instant::now() < deadline, "the browser was not started");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // The browser gets a private page that redirects, so the token never shows in `ps`.
    let given = std::fs::read_to_string(&opened).unwrap().trim().to_string();
    assert!(given.starts_with("file://") && !given.contains(&s.token), "{given}");
    let page = given.trim_start_matches("file://");
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(page).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);
    let redirect = std::fs::read_to_string(page).unwrap();
    assert!(redirect.contains(&format!("{}/?token={}", s.printed, s.token)), "{redirect}");
    // The schema switcher: another schema's tables.
    let body = s.get("/?schema=audit").body;
    assert!(
        body.contains("href=\"/t/audit/trail\"") && body.contains("<option value=\"audit\" selected"),
        "{body}"
    );
    let out = s.stop();
    assert_eq!(out.code, 0, "SIGTERM stops it cleanly: {}", out.stderr);
    assert!(out.stderr.contains("listens on 0.0.0.0, not loopback"), "{}", out.stderr);
}

/// A deploy holds an exclusive lock on a table: the tables page does not wait for it (its size
/// would), and lists the table without a size.
#[test]
fn the_tables_page_does_not_wait_for_a_locked_table() {
    let p = seeded(Backend::Pg, "studio_locked");
    let s = Studio::start(&p, &[]);
    let db = p.url.rsplit('/').next().unwrap().to_string();
    let holder = crate::support::pg().hold_exclusive_lock(&db, "issues");
    let page = s.get("/");
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("href=\"/t/public/issues\""), "{}", page.body);
    assert!(page.body.contains(">locked</span>"), "{}", page.body);
    drop(holder);
}

#[test]
fn a_lost_connection_is_replaced() {
    let p = seeded(Backend::Pg, "studio_reconnect");
    let s = Studio::start(&p, &[]);
    assert_eq!(s.get("/t/public/issues").status, 200);
    let db = p.url.rsplit('/').next().unwrap().to_string();
    crate::support::pg().psql(
        "postgres",
        &format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db}' AND pid <> pg_backend_pid()"),
    );
    // The request that meets the dead connection fails; the next one gets a new connection.
    let first = s.get("/t/public/issues");
    let second = s.get("/t/public/issues");
    assert_eq!(second.status, 200, "after {}: {}", first.status, second.body);
}

#[test]
fn the_sqlite_console_reaches_no_native_code_and_no_other_file() {
    let p = seeded(Backend::Sqlite, "studio_sqlite_hardened");
    let other = p.path().join("other.sqlite3");
    sh(&format!(
        "sqlite3 {} 'CREATE TABLE secrets (s TEXT); INSERT INTO secrets VALUES (\"other file\")'",
        other.display()
    ));
    let s = Studio::start(&p, &[]);
    let run = |sql: &str| s.post("/sql", &[("sql", sql), ("action", "run")]);
    // Before: query_only switched off for the pooled connection, then the two-argument
    // fts3_tokenizer handed a pointer from the request to native code (a crash).
    for sql in [
        "PRAGMA query_only = 0".to_string(),
        "SELECT fts3_tokenizer('simple', X'4141414141414141')".to_string(),
        "CREATE VIRTUAL TABLE t USING fts3(content, tokenize=simple)".to_string(),
        format!("ATTACH DATABASE '{}' AS other", other.display()),
        "PRAGMA writable_schema = 1".to_string(),
        "SELECT load_extension('/nonexistent')".to_string(),
        "UPDATE sqlite_master SET sql = 'x'".to_string(),
    ] {
        let q = run(&sql);
        assert_eq!(q.status, 200, "{sql}");
        q.has("class=\"error sql-error\"");
        let refused = ["not authorized", "prohibited", "may not be modified", "readonly", "read-only"];
        assert!(refused.iter().any(|r| q.body.contains(r)), "{sql}: {}", q.body);
    }
    // Every session still reads, and is still read-only.
    run("SELECT count(*) FROM issues").has("<pre class=\"plain\">5</pre>");
    let q = run("DELETE FROM issues");
    q.has("class=\"error sql-error\"");
    assert_eq!(count(&p, "issues"), 5);
    run("PRAGMA table_info(issues)").has("title");
    s.get("/t/main/issues").has("title");
    assert!(s.stop().code == 0, "studio-lite did not crash");
}

#[test]
fn the_console_is_off_for_a_role_that_reaches_the_database_server() {
    let p = seeded(Backend::Pg, "studio_superuser");
    let db = p.url.rsplit('/').next().unwrap().to_string();
    let role_url = |role: &str| {
        let (head, _) = p.url.split_once('@').unwrap();
        let (scheme, _) = head.split_once("//").unwrap();
        let host_db = p.url.split_once('@').unwrap().1;
        format!("{scheme}//{role}:role-pass@{host_db}")
    };
    for (role, grant) in
        [("studio_reader", ""), ("studio_files", "GRANT pg_read_server_files TO studio_files;")]
    {
        crate::support::pg().psql(
            "postgres",
            &format!(
                "DO $$ BEGIN CREATE ROLE {role} LOGIN PASSWORD 'role-pass'; EXCEPTION WHEN duplicate_object THEN NULL; END $$; \
                 GRANT CONNECT ON DATABASE {db} TO {role}; {grant}"
            ),
        );
        crate::support::pg().psql(&db, &format!("GRANT USAGE ON SCHEMA public TO {role}; GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role};"));
    }
    let form = [("sql", "SELECT pg_read_file('/etc/hostname')"), ("action", "run")];

    // The suite's superuser: the console is off, said at start and on the page; browsing stays.
    let s = Studio::launch(p.cmd().args(["studio-lite", "--port", "0"]));
    s.get("/sql").has("The SQL console is off").has("is a superuser").has("--allow-superuser");
    let refused = s.post("/sql", &form);
    assert_eq!(refused.status, 403, "{}", refused.body);
    s.get("/t/public/issues").has("title");
    let out = s.stop();
    assert!(out.stderr.contains("The SQL console is off"), "{}", out.stderr);

    // A role that may read the server's files: off as well.
    let s = Studio::launch(
        p.cmd().args(["studio-lite", "--port", "0"]).env("DATABASE_URL", role_url("studio_files")),
    );
    s.get("/sql").has("pg_read_server_files");
    assert_eq!(s.post("/sql", &form).status, 403);
    drop(s);

    // A plain role: on, and the server refuses what the role may not do.
    let s = Studio::launch(
        p.cmd().args(["studio-lite", "--port", "0"]).env("DATABASE_URL", role_url("studio_reader")),
    );
    let q = s.post("/sql", &form);
    assert_eq!(q.status, 200);
    q.has("permission denied");
    s.post("/sql", &[("sql", "SELECT count(*) FROM issues"), ("action", "run")])
        .has("<pre class=\"plain\">5</pre>");
    drop(s);

    // --allow-superuser keeps it on, knowingly.
    let s = Studio::launch(p.cmd().args(["studio-lite", "--port", "0", "--allow-superuser"]));
    assert_eq!(s.post("/sql", &[("sql", "SELECT 1"), ("action", "run")]).status, 200);
}

#[test]
fn sessions_start_clean_and_exports_neither_hold_locks_nor_run_formulas() {
    let p = seeded(Backend::Pg, "studio_sessions");
    let s = Studio::start(&p, &["--statement-timeout", "1s"]);
    let run = |sql: &str| s.post("/sql", &[("sql", sql), ("action", "run")]);
    // State a request leaves in its session is gone before the next request.
    run("SELECT pg_advisory_lock(4242)");
    let held = p.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242");
    assert_eq!(held.trim(), "0", "the advisory lock was released with the request");
    run("PREPARE q AS SELECT 1");
    run("EXECUTE q").has("does not exist");

    // Browsing has the statement timeout too.
    p.sql("CREATE VIEW slow AS SELECT 1 AS s FROM pg_sleep(3)");
    let page = s.get("/t/public/slow");
    assert!(page.body.contains("statement timeout"), "{}", page.body);

    // A download that stops being read gives up its transaction and locks.
    p.sql("CREATE TABLE big AS SELECT g AS id, repeat('x', 200) AS pad FROM generate_series(1, 100000) g");
    let mut res = s.request("/t/public/big/export?format=csv").call().unwrap();
    let mut first = [0u8; 1024];
    res.body_mut().as_reader().read_exact(&mut first).unwrap();
    std::thread::sleep(std::time::Duration::from_secs(5));
    let out = p.sql("SET lock_timeout = '2s'; ALTER TABLE big ADD COLUMN extra int; SELECT 'altered'");
    assert!(out.contains("altered"), "{out}");
    drop(res);

    // CSV cells that a spreadsheet would run are neutralised, unless asked for raw.
    p.sql("INSERT INTO labels (id, name) VALUES ('evil', '=HYPERLINK(\"http://evil.example\")')");
    let csv = s.get("/t/public/labels/export?format=csv").body;
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    let raw = s.get("/t/public/labels/export?format=csv&raw=1").body;
    assert!(raw.contains(",\"=HYPERLINK") && !raw.contains("'="), "{raw}");
}

#[test]
fn the_token_is_good_for_this_launch_only() {
    let p = seeded(Backend::Sqlite, "studio_own_host");
    let s = Studio::start(&p, &[]);
    // The printed URL names a host of this launch's own under .localhost: the cookie a browser
    // keeps for it is not sent to other services on 127.0.0.1 (cookies ignore ports).
    let name = s.host.rsplit_once(':').unwrap().0.to_string();
    assert!(name.ends_with(".localhost") && name.len() > ".localhost".len() + 8, "{name}");
    let port = s.host.rsplit(':').next().unwrap();
    for other in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")] {
        let res = s.raw_with_host(&other);
        assert!(res.starts_with("HTTP/1.1 403"), "{other}: {res}");
    }
    let first = s.get_without_cookie(&format!("/?token={}", s.token));
    assert_eq!(first.status, 303, "{}", first.body);
    let cookie = first.header("set-cookie").unwrap().to_string();
    assert!(!cookie.to_ascii_lowercase().contains("domain="), "a host-only cookie: {cookie}");
    assert_eq!(s.get("/").status, 200);
    // Another launch has another name and token.
    let t = Studio::start(&p, &[]);
    assert_ne!(t.host, s.host);

    // On another address, the names given with --allow-host are answered too, and the warning
    // says that the token crosses plain HTTP.
    let mut u = Studio::launch(p.cmd().args([
        "studio-lite",
        "--port",
        "0",
        "--bind",
        "0.0.0.0",
        "--allow-host",
        "db.internal",
    ]));
    let port = u.host.rsplit(':').next().unwrap().to_string();
    u.host = format!("db.internal:{port}");
    assert_eq!(u.get("/").status, 200);
    u.host = format!("evil.example:{port}");
    assert_eq!(u.get("/").status, 403);
    let out = u.stop();
    assert!(out.stderr.contains("plain HTTP"), "{}", out.stderr);
}

#[test]
fn an_index_serves_every_page_of_a_sort_on_a_nullable_column() {
    use dbctl::studio::db::Backend as B;
    use dbctl::studio::query::{OrderCol, Seek, page};
    let p = seeded(Backend::Pg, "studio_null_index");
    p.sql(
        "CREATE TABLE people (id int PRIMARY KEY, nick text); \
         INSERT INTO people SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE md5(g::text) END FROM generate_series(1, 50000) g; \
         CREATE INDEX people_nick ON people (nick, id); ANALYZE people",
    );
    let order = |desc| {
        vec![
            OrderCol { expr: "\"nick\"".into(), desc, nullable: true },
            OrderCol { expr: "\"id\"".into(), desc, nullable: false },
        ]
    };
    // Descending from the top, and ascending from the end (the last page): both read the index
    // backwards rather than sorting the table.
    for (desc, seek) in [(true, Seek::First), (false, Seek::Last), (false, Seek::First)] {
        let q = page(B::Pg, "\"public\".\"people\"", &["\"id\"".into()], &order(desc), &[], &seek, 51);
        let plan = p.sql(&format!("EXPLAIN {}", q.sql));
        assert!(plan.contains("Index") && !plan.contains("Sort"), "{}\n{plan}", q.sql);
    }
}
