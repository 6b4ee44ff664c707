//! The module graph of dbctl has no cycle: each top-level module (`settings`, `db`, `backup`, …)
//! imports only modules below it. Read from the sources (`crate::NAME` paths, test code apart).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the top-level modules it names, with one file that does.
fn graph() -> BTreeMap<String, BTreeMap<String, String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let top_of = |rel: &Path| {
        let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
        first.trim_end_matches(".rs").to_string()
    };
    let mut files = Vec::new();
    let mut dirs = vec![src.clone()];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    let tops: BTreeSet<String> = files
        .iter()
        .map(|f| top_of(f.strip_prefix(&src).unwrap()))
        .filter(|t| t != "lib" && t != "main")
        .collect();
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        let top = top_of(rel);
        if !tops.contains(&top) {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        // Test code may reach anywhere.
        let text = text.split("#[cfg(test)]").next().unwrap();
        let mut rest = text;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let names: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => group[..group.find('}').unwrap_or(group.len())]
                    .split(',')
                    .map(|n| n.trim().split("::").next().unwrap().trim())
                    .collect(),
                None => vec![
                    &rest[..rest
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .unwrap_or(rest.len())],
                ],
            };
            for name in names {
                if name != top && tops.contains(name) {
                    edges
                        .entry(top.clone())
                        .or_default()
                        .entry(name.to_string())
                        .or_insert_with(|| rel.display().to_string());
                }
            }
        }
        edges.entry(top).or_default();
    }
    edges
}

/// The strongly connected components of more than one module (Tarjan's algorithm).
fn cycles(edges: &BTreeMap<String, BTreeMap<String, String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeMap<String, String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        for w in s.edges.get(v).into_iter().flat_map(|e| e.keys()) {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                s.low.entry(v).and_modify(|l| *l = (*l).min(lw));
            } else if s.stack.contains(&w) {
                let iw = s.index[w];
                s.low.entry(v).and_modify(|l| *l = (*l).min(iw));
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.found.push(comp);
            }
        }
    }
    let mut s =
        State { edges, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), found: Vec::new() };
    for v in edges.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found
}

#[test]
fn the_module_graph_has_no_cycle() {
    let edges = graph();
    assert!(edges.len() > 15, "the modules were found: {:?}", edges.keys());
    let found = cycles(&edges);
    let explain: Vec<String> = found
        .iter()
        .map(|comp| {
            let inner: Vec<String> = comp
                .iter()
                .flat_map(|a| {
                    edges[a]
                        .iter()
                        .filter(|(b, _)| comp.contains(b))
                        .map(move |(b, file)| format!("{a} -> {b} ({file})"))
                })
                .collect();
            format!("cycle {comp:?}:\n  {}", inner.join("\n  "))
        })
        .collect();
    assert!(found.is_empty(), "{}", explain.join("\n"));
}

#[test]
fn a_cycle_is_found() {
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (a, b) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        edges.entry(a.into()).or_default().insert(b.into(), "f.rs".into());
        edges.entry(b.into()).or_default();
    }
    assert_eq!(cycles(&edges), [vec!["a".to_string(), "b".into(), "c".into()]]);
}
