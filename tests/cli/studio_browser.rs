//! studio-lite in a real headless Chromium, driven through chromedriver (WebDriver). Screenshots
//! of each step land in target/studio-screenshots/.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

use crate::studio::Studio;
use crate::support::fixtures::seeded;
use crate::support::{Backend, free_port};

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_driver() -> (Driver, u16) {
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver is missing: run scripts/setup --test (installs chromium and chromium-driver)");
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    (Driver(child), port)
}

fn shots() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("studio-screenshots")
}

async fn shot(c: &Client, name: &str) {
    let png = c.screenshot().await.unwrap();
    std::fs::write(shots().join(format!("{name}.png")), png).unwrap();
}

async fn texts(c: &Client, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for e in c.find_all(Locator::Css(css)).await.unwrap() {
        out.push(e.text().await.unwrap());
    }
    out
}

/// Waits until the page's path (and query) is `want`.
async fn wait_path(c: &Client, want: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let url = c.current_url().await.unwrap();
        let here = format!("{}{}", url.path(), url.query().map(|q| format!("?{q}")).unwrap_or_default());
        if want(&here) {
            return here;
        }
        assert!(Instant::now() < deadline, "the page stayed at {here}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[test]
fn a_person_browses_filters_queries_and_exports_in_chromium() {
    let p = seeded(Backend::Sqlite, "studio_browser");
    let studio = Studio::start(&p, &[]);
    let (_driver, port) = start_driver();
    let downloads = p.path().join("downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    let profile = p.path().join("chromium-profile");
    let url = format!("{}/?token={}", studio.printed, studio.token);
    let all: Vec<String> = p.sql("SELECT id FROM issues ORDER BY id").lines().map(str::to_string).collect();

    let _ = std::fs::remove_dir_all(shots());
    std::fs::create_dir_all(shots()).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,860",
                    format!("--user-data-dir={}", profile.display()),
                ],
                "prefs": {
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false,
                },
            }),
        );
        let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("connecting to chromedriver");

        // The printed URL: the token becomes a cookie and leaves the address bar.
        c.goto(&url).await.unwrap();
        wait_path(&c, |p| p == "/").await;
        let tables = texts(&c, "a.table-link").await;
        assert!(
            tables.contains(&"issues".to_string()) && tables.contains(&"users".to_string()),
            "{tables:?}"
        );
        shot(&c, "01-tables").await;

        // Open a table, two rows a page: forward, forward, back.
        c.find(Locator::LinkText("issues")).await.unwrap().click().await.unwrap();
        wait_path(&c, |p| p == "/t/main/issues").await;
        c.goto(&format!("{}/t/main/issues?n=2", studio.printed)).await.unwrap();
        let ids = |c: &Client| {
            let c = c.clone();
            async move { texts(&c, "table.rows tbody tr td:nth-child(2)").await }
        };
        assert_eq!(ids(&c).await, all[..2]);
        c.find(Locator::Css("a[rel=next]")).await.unwrap().click().await.unwrap();
        wait_path(&c, |p| p.contains("after=")).await;
        assert_eq!(ids(&c).await, all[2..4]);
        shot(&c, "02-second-page").await;
        c.find(Locator::Css("a[rel=next]")).await.unwrap().click().await.unwrap();
        wait_path(&c, |p| p.contains("after=") && !p.is_empty()).await;
        assert_eq!(ids(&c).await, all[4..]);
        c.find(Locator::Css("a[rel=prev]")).await.unwrap().click().await.unwrap();
        wait_path(&c, |p| p.contains("before=")).await;
        assert_eq!(ids(&c).await, all[2..4]);

        // Sort by title (click the header twice: ascending, then descending).
        c.goto(&format!("{}/t/main/issues", studio.printed)).await.unwrap();
        c.find(Locator::Css("a.sort[title='Sort by title']")).await.unwrap().click().await.unwrap();
        wait_path(&c, |p| p.contains("sort=title") && p.contains("dir=asc")).await;
        let titles = texts(&c, "table.rows tbody tr td:nth-child(5)").await;
        let mut sorted = titles.clone();
        sorted.sort();
        assert_eq!(titles, sorted);
        c.find(Locator::Css("a.sort[title='Sort by title']")).await.unwrap().click().await.unwrap();
        wait_path(&c, |p| p.contains("dir=desc")).await;
        let titles = texts(&c, "table.rows tbody tr td:nth-child(5)").await;
        sorted.reverse();
        assert_eq!(titles, sorted);
        shot(&c, "03-sorted").await;

        // Filter: choose the column and operator, type a value (the script names the field).
        c.find(Locator::Css("select[data-filter-col]"))
            .await
            .unwrap()
            .select_by_value("title")
            .await
            .unwrap();
        c.find(Locator::Css("select[data-filter-op]"))
            .await
            .unwrap()
            .select_by_value("contains")
            .await
            .unwrap();
        c.find(Locator::Css("input.fval")).await.unwrap().send_keys("magic").await.unwrap();
        c.find(Locator::Css("form.filters button[type=submit]")).await.unwrap().click().await.unwrap();
        wait_path(&c, |p| p.contains("f.title.contains=magic")).await;
        let titles = texts(&c, "table.rows tbody tr td:nth-child(5)").await;
        assert_eq!(titles, ["Send magic-link emails"]);
        shot(&c, "04-filtered").await;

        // Follow a foreign key to the referenced row, which lists what references it.
        c.find(Locator::Css("a.fk")).await.unwrap().click().await.unwrap();
        wait_path(&c, |p| p.contains("/row?w.")).await;
        let body = c.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
        assert!(body.contains("Referenced by"), "{body}");
        shot(&c, "05-referenced-row").await;

        // The console: run a query, see the result and the history.
        c.find(Locator::LinkText("SQL console")).await.unwrap().click().await.unwrap();
        wait_path(&c, |p| p == "/sql").await;
        let area = c.find(Locator::Css("textarea[name=sql]")).await.unwrap();
        area.send_keys("SELECT number, title FROM issues WHERE number <= 2 ORDER BY number").await.unwrap();
        c.find(Locator::Css("button[value=run]")).await.unwrap().click().await.unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while c.find_all(Locator::Css("table.result tbody tr")).await.unwrap().len() != 2 {
            if Instant::now() > deadline {
                shot(&c, "06-console-failed").await;
                panic!("no result: {}", c.source().await.unwrap());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let result = texts(&c, "table.result tbody tr td:nth-child(2)").await;
        assert_eq!(result, ["Launch the new sign-in flow", "Design the sign-in page"]);
        let history = texts(&c, "#history li").await;
        assert!(history.iter().any(|h| h.contains("WHERE number <= 2")), "{history:?}");
        shot(&c, "06-console").await;

        // Dark theme.
        c.find(Locator::Css("#theme")).await.unwrap().click().await.unwrap();
        let theme = c.execute("return document.documentElement.dataset.theme", vec![]).await.unwrap();
        assert!(theme == "dark" || theme == "light", "{theme}");
        if theme == "light" {
            c.find(Locator::Css("#theme")).await.unwrap().click().await.unwrap();
        }
        c.goto(&format!("{}/t/main/issues", studio.printed)).await.unwrap();
        shot(&c, "07-dark").await;

        // Export the table view as CSV: the browser downloads it with its cookie.
        c.find(Locator::LinkText("Export CSV")).await.unwrap().click().await.unwrap();
        let file = downloads.join("issues.csv");
        let deadline = Instant::now() + Duration::from_secs(15);
        while !file.exists() {
            assert!(Instant::now() < deadline, "no download in {}", downloads.display());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let csv = std::fs::read_to_string(&file).unwrap();
        assert!(csv.starts_with("id,project_id,number,title"), "{csv}");
        assert_eq!(csv.lines().count(), all.len() + 1);
        c.close().await.unwrap();
    });
}
