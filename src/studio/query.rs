//! The SQL of a table page: keyset pagination over an ordering that ends in a unique key, with
//! filters. Pure text building: names arrive already quoted (checked against the catalogue by
//! the caller), values only ever as parameters.
//!
//! NULLs sort the way each database orders them by default, which is how its indexes hold them:
//! above every value on PostgreSQL (last ascending, first descending), below on SQLite. So an
//! index on a nullable column serves every page in both directions, where forcing NULLs last
//! would sort the whole table. Going back a page scans the reversed order from the first row
//! shown and reverses what it read.

use super::db::{Backend, Value};

/// One column of the ordering.
#[derive(Debug, Clone)]
pub struct OrderCol {
    /// Quoted column name (or `ctid`, `rowid`).
    pub expr: String,
    pub desc: bool,
    pub nullable: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Contains,
    IsNull,
    NotNull,
}

impl Op {
    pub const ALL: [Op; 9] =
        [Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge, Op::Contains, Op::IsNull, Op::NotNull];

    pub fn name(self) -> &'static str {
        match self {
            Op::Eq => "eq",
            Op::Ne => "ne",
            Op::Lt => "lt",
            Op::Le => "le",
            Op::Gt => "gt",
            Op::Ge => "ge",
            Op::Contains => "contains",
            Op::IsNull => "null",
            Op::NotNull => "notnull",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "≠",
            Op::Lt => "<",
            Op::Le => "≤",
            Op::Gt => ">",
            Op::Ge => "≥",
            Op::Contains => "contains",
            Op::IsNull => "is null",
            Op::NotNull => "is not null",
        }
    }

    pub fn parse(name: &str) -> Option<Op> {
        Op::ALL.into_iter().find(|o| o.name() == name)
    }

    pub fn takes_value(self) -> bool {
        !matches!(self, Op::IsNull | Op::NotNull)
    }
}

#[derive(Debug, Clone)]
pub struct Filter {
    /// Quoted column name.
    pub expr: String,
    pub op: Op,
    pub value: Value,
}

/// Where a page starts.
#[derive(Debug, Clone, PartialEq)]
pub enum Seek {
    First,
    Last,
    /// The rows after this ordering tuple (the last row of the previous page).
    After(Vec<Value>),
    /// The rows before this ordering tuple (the first row of the next page).
    Before(Vec<Value>),
}

/// A statement and its parameters.
#[derive(Debug, Clone)]
pub struct Statement {
    pub sql: String,
    pub params: Vec<Value>,
    /// The rows come in reversed order (going back): the caller reverses them.
    pub reversed: bool,
}

struct Params {
    backend: Backend,
    values: Vec<Value>,
}

impl Params {
    fn add(&mut self, v: &Value) -> String {
        self.values.push(v.clone());
        match self.backend {
            Backend::Pg => format!("${}", self.values.len()),
            Backend::Sqlite => format!("?{}", self.values.len()),
        }
    }
}

fn filter_sql(f: &Filter, p: &mut Params) -> String {
    let c = &f.expr;
    let cmp = |op: &str, p: &mut Params| format!("{c} {op} {}", p.add(&f.value));
    match f.op {
        Op::Eq => cmp("=", p),
        Op::Ne => format!("({} OR {c} IS NULL)", cmp("<>", p)),
        Op::Lt => cmp("<", p),
        Op::Le => cmp("<=", p),
        Op::Gt => cmp(">", p),
        Op::Ge => cmp(">=", p),
        Op::Contains => match p.backend {
            Backend::Pg => format!("strpos(lower({c}::text), lower({})) > 0", p.add(&f.value)),
            Backend::Sqlite => format!("instr(lower({c}), lower({})) > 0", p.add(&f.value)),
        },
        Op::IsNull => format!("{c} IS NULL"),
        Op::NotNull => format!("{c} IS NOT NULL"),
    }
}

/// Whether the database orders NULLs above every value (PostgreSQL) or below (SQLite).
fn nulls_high(backend: Backend) -> bool {
    backend == Backend::Pg
}

/// `ORDER BY` for a scan, forward (as shown) or reversed; NULLs where the database (and its
/// indexes) put them.
fn order_by(order: &[OrderCol], reversed: bool) -> String {
    order
        .iter()
        .map(|o| format!("{} {}", o.expr, if o.desc != reversed { "DESC" } else { "ASC" }))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The rows strictly after `cursor` in the scan order (reversed or not).
fn after_sql(order: &[OrderCol], cursor: &[Value], reversed: bool, p: &mut Params) -> String {
    let high = nulls_high(p.backend);
    let descending = |o: &OrderCol| o.desc != reversed;
    // Without NULLs and in one direction, a row comparison, which an index on the key serves.
    let uniform = order.iter().all(|o| descending(o) == descending(&order[0]));
    if uniform && order.iter().all(|o| !o.nullable) && cursor.iter().all(|v| *v != Value::Null) {
        let op = if descending(&order[0]) { "<" } else { ">" };
        if order.len() == 1 {
            return format!("{} {op} {}", order[0].expr, p.add(&cursor[0]));
        }
        let cols: Vec<&str> = order.iter().map(|o| o.expr.as_str()).collect();
        let vals: Vec<String> = cursor.iter().map(|v| p.add(v)).collect();
        return format!("({}) {op} ({})", cols.join(", "), vals.join(", "));
    }
    // The general lexicographic form; in this scan, a column's NULLs come after its values when
    // they are high and the scan ascends, or low and it descends.
    let mut ors = Vec::new();
    for i in 0..order.len() {
        let mut ands: Vec<String> = order[..i]
            .iter()
            .zip(cursor)
            .map(|(o, v)| match v {
                Value::Null => format!("{} IS NULL", o.expr),
                v => format!("{} = {}", o.expr, p.add(v)),
            })
            .collect();
        let (o, v) = (&order[i], &cursor[i]);
        let op = if descending(o) { "<" } else { ">" };
        let nulls_after = high != descending(o);
        let beyond = match (v, nulls_after) {
            // Nothing is beyond a NULL when NULLs come last; every value is when they come first.
            (Value::Null, true) => continue,
            (Value::Null, false) => format!("{} IS NOT NULL", o.expr),
            (v, true) if o.nullable => format!("({} {op} {} OR {} IS NULL)", o.expr, p.add(v), o.expr),
            (v, _) => format!("{} {op} {}", o.expr, p.add(v)),
        };
        ands.push(beyond);
        ors.push(format!("({})", ands.join(" AND ")));
    }
    if ors.is_empty() { "FALSE".to_string() } else { format!("({})", ors.join(" OR ")) }
}

/// At most `limit` rows from `seek` (a page asks for one more than it shows, to know whether more
/// follow). `select` is the list of quoted columns; the ordering's values are appended after them.
pub fn page(
    backend: Backend,
    relation: &str,
    select: &[String],
    order: &[OrderCol],
    filters: &[Filter],
    seek: &Seek,
    limit: usize,
) -> Statement {
    let mut p = Params { backend, values: Vec::new() };
    let mut conds: Vec<String> = filters.iter().map(|f| filter_sql(f, &mut p)).collect();
    let reversed = matches!(seek, Seek::Last | Seek::Before(_));
    match seek {
        Seek::After(c) | Seek::Before(c) if c.len() == order.len() => {
            conds.push(after_sql(order, c, reversed, &mut p));
        }
        _ => {}
    }
    let mut cols: Vec<String> = select.to_vec();
    cols.extend(order.iter().map(|o| o.expr.clone()));
    let mut sql = format!("SELECT {} FROM {relation}", cols.join(", "));
    if !conds.is_empty() {
        sql.push_str(&format!(" WHERE {}", conds.join(" AND ")));
    }
    sql.push_str(&format!(" ORDER BY {} LIMIT {limit}", order_by(order, reversed)));
    Statement { sql, params: p.values, reversed }
}

/// How many rows of `relation` match `filters`, counted up to `cap + 1` (one more says "more
/// than `cap`"): a page's total, at a bounded cost.
pub fn count(backend: Backend, relation: &str, filters: &[Filter], cap: i64) -> Statement {
    let mut p = Params { backend, values: Vec::new() };
    let conds: Vec<String> = filters.iter().map(|f| filter_sql(f, &mut p)).collect();
    let mut inner = format!("SELECT 1 FROM {relation}");
    if !conds.is_empty() {
        inner.push_str(&format!(" WHERE {}", conds.join(" AND ")));
    }
    let sql = format!("SELECT count(*) FROM ({inner} LIMIT {}) AS counted", cap + 1);
    Statement { sql, params: p.values, reversed: false }
}

/// `a = $1 AND b IS NULL`: equalities on quoted columns, NULL matched as IS NULL.
fn equalities(eq: &[(String, Value)], p: &mut Params) -> String {
    eq.iter()
        .map(|(c, v)| match v {
            Value::Null => format!("{c} IS NULL"),
            v => format!("{c} = {}", p.add(v)),
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// `INSERT` of the given (quoted) columns' values; the defaults when there are none.
pub fn insert(backend: Backend, relation: &str, values: &[(String, Value)]) -> Statement {
    let mut p = Params { backend, values: Vec::new() };
    let sql = if values.is_empty() {
        format!("INSERT INTO {relation} DEFAULT VALUES")
    } else {
        let cols: Vec<&str> = values.iter().map(|(c, _)| c.as_str()).collect();
        let vals: Vec<String> = values.iter().map(|(_, v)| p.add(v)).collect();
        format!("INSERT INTO {relation} ({}) VALUES ({})", cols.join(", "), vals.join(", "))
    };
    Statement { sql, params: p.values, reversed: false }
}

/// `UPDATE` of the rows matching `eq`, setting the given (quoted) columns.
pub fn update(
    backend: Backend,
    relation: &str,
    set: &[(String, Value)],
    eq: &[(String, Value)],
) -> Statement {
    let mut p = Params { backend, values: Vec::new() };
    let set: Vec<String> = set.iter().map(|(c, v)| format!("{c} = {}", p.add(v))).collect();
    let sql = format!("UPDATE {relation} SET {} WHERE {}", set.join(", "), equalities(eq, &mut p));
    Statement { sql, params: p.values, reversed: false }
}

/// `DELETE` of the rows matching `eq`.
pub fn delete(backend: Backend, relation: &str, eq: &[(String, Value)]) -> Statement {
    let mut p = Params { backend, values: Vec::new() };
    let sql = format!("DELETE FROM {relation} WHERE {}", equalities(eq, &mut p));
    Statement { sql, params: p.values, reversed: false }
}

/// The rows matching equalities on the given (quoted) columns, for the row view and references.
pub fn matching(
    backend: Backend,
    relation: &str,
    select: &[String],
    eq: &[(String, Value)],
    limit: usize,
) -> Statement {
    let mut p = Params { backend, values: Vec::new() };
    let mut sql = format!("SELECT {} FROM {relation}", select.join(", "));
    if !eq.is_empty() {
        sql.push_str(&format!(" WHERE {}", equalities(eq, &mut p)));
    }
    sql.push_str(&format!(" LIMIT {limit}"));
    Statement { sql, params: p.values, reversed: false }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(expr: &str) -> OrderCol {
        OrderCol { expr: expr.into(), desc: false, nullable: false }
    }

    fn t(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn first_page_on_the_key() {
        let s =
            page(Backend::Pg, "\"public\".\"t\"", &["\"a\"".into()], &[key("\"id\"")], &[], &Seek::First, 51);
        assert_eq!(s.sql, "SELECT \"a\", \"id\" FROM \"public\".\"t\" ORDER BY \"id\" ASC LIMIT 51");
        assert!(s.params.is_empty() && !s.reversed);
    }

    #[test]
    fn next_and_previous_pages_seek_on_the_key() {
        let next = page(Backend::Pg, "t", &[], &[key("\"id\"")], &[], &Seek::After(vec![t("42")]), 51);
        assert_eq!(next.sql, "SELECT \"id\" FROM t WHERE \"id\" > $1 ORDER BY \"id\" ASC LIMIT 51");
        assert_eq!(next.params, [t("42")]);
        let prev =
            page(Backend::Sqlite, "t", &[], &[key("\"id\"")], &[], &Seek::Before(vec![Value::Int(42)]), 51);
        assert_eq!(prev.sql, "SELECT \"id\" FROM t WHERE \"id\" < ?1 ORDER BY \"id\" DESC LIMIT 51");
        assert!(prev.reversed);
        let last = page(Backend::Pg, "t", &[], &[key("\"id\"")], &[], &Seek::Last, 51);
        assert!(last.sql.ends_with("ORDER BY \"id\" DESC LIMIT 51") && last.reversed, "{}", last.sql);
    }

    #[test]
    fn a_composite_key_compares_rows() {
        let order = [key("\"a\""), key("\"b\"")];
        let s = page(Backend::Pg, "t", &[], &order, &[], &Seek::After(vec![t("1"), t("2")]), 11);
        assert!(s.sql.contains("WHERE (\"a\", \"b\") > ($1, $2)"), "{}", s.sql);
        let desc: Vec<OrderCol> = order.iter().map(|o| OrderCol { desc: true, ..o.clone() }).collect();
        let s = page(Backend::Pg, "t", &[], &desc, &[], &Seek::After(vec![t("1"), t("2")]), 11);
        assert!(
            s.sql.contains("(\"a\", \"b\") < ($1, $2)") && s.sql.contains("\"a\" DESC, \"b\" DESC"),
            "{}",
            s.sql
        );
    }

    #[test]
    fn nulls_sort_as_the_index_holds_them() {
        let order = [OrderCol { expr: "\"n\"".into(), desc: false, nullable: true }, key("\"id\"")];
        let s = page(Backend::Pg, "t", &[], &order, &[], &Seek::First, 11);
        assert!(s.sql.ends_with("ORDER BY \"n\" ASC, \"id\" ASC LIMIT 11"), "{}", s.sql);
        // After a value: greater values, then NULLs, then equal values with a greater key.
        let s = page(Backend::Pg, "t", &[], &order, &[], &Seek::After(vec![t("5"), t("9")]), 11);
        assert!(
            s.sql.contains("((\"n\" > $1 OR \"n\" IS NULL)) OR (\"n\" = $2 AND \"id\" > $3)"),
            "{}",
            s.sql
        );
        // After a NULL: only NULLs with a greater key.
        let s = page(Backend::Pg, "t", &[], &order, &[], &Seek::After(vec![Value::Null, t("9")]), 11);
        assert!(s.sql.contains("WHERE ((\"n\" IS NULL AND \"id\" > $1))"), "{}", s.sql);
        // Going back from a NULL: every value, and NULLs with a smaller key.
        let s = page(Backend::Pg, "t", &[], &order, &[], &Seek::Before(vec![Value::Null, t("9")]), 11);
        assert!(s.sql.contains("(\"n\" IS NOT NULL) OR (\"n\" IS NULL AND \"id\" < $1)"), "{}", s.sql);
        assert!(s.sql.contains("ORDER BY \"n\" DESC, \"id\" DESC"), "{}", s.sql);
        // Descending on PostgreSQL, NULLs come first: after a value, smaller values only.
        let desc = [OrderCol { desc: true, ..order[0].clone() }, OrderCol { desc: true, ..order[1].clone() }];
        let s = page(Backend::Pg, "t", &[], &desc, &[], &Seek::After(vec![t("5"), t("9")]), 11);
        assert!(s.sql.contains("(\"n\" < $1) OR (\"n\" = $2 AND \"id\" < $3)"), "{}", s.sql);
        let s = page(Backend::Pg, "t", &[], &desc, &[], &Seek::After(vec![Value::Null, t("9")]), 11);
        assert!(s.sql.contains("(\"n\" IS NOT NULL) OR (\"n\" IS NULL AND \"id\" < $1)"), "{}", s.sql);
        // SQLite holds NULLs below every value: ascending, they come first.
        let s = page(Backend::Sqlite, "t", &[], &order, &[], &Seek::After(vec![t("5"), t("9")]), 11);
        assert!(s.sql.contains("(\"n\" > ?1) OR (\"n\" = ?2 AND \"id\" > ?3)"), "{}", s.sql);
    }

    #[test]
    fn filters_are_parameters() {
        let filters = [
            Filter { expr: "\"name\"".into(), op: Op::Contains, value: t("x'; DROP TABLE t; --") },
            Filter { expr: "\"n\"".into(), op: Op::Ge, value: t("3") },
            Filter { expr: "\"d\"".into(), op: Op::IsNull, value: Value::Null },
            Filter { expr: "\"e\"".into(), op: Op::Ne, value: t("a") },
        ];
        let s = page(Backend::Pg, "t", &[], &[key("\"id\"")], &filters, &Seek::After(vec![t("7")]), 11);
        assert_eq!(
            s.sql,
            "SELECT \"id\" FROM t WHERE strpos(lower(\"name\"::text), lower($1)) > 0 AND \"n\" >= $2 AND \
             \"d\" IS NULL AND (\"e\" <> $3 OR \"e\" IS NULL) AND \"id\" > $4 ORDER BY \"id\" ASC LIMIT 11"
        );
        assert_eq!(s.params.len(), 4);
        assert!(!s.sql.contains("DROP"));
        let s = page(Backend::Sqlite, "t", &[], &[key("rowid")], &filters[..1], &Seek::First, 11);
        assert!(s.sql.contains("instr(lower(\"name\"), lower(?1)) > 0"), "{}", s.sql);
    }

    #[test]
    fn scans_and_matches() {
        let s = page(
            Backend::Pg,
            "t",
            &["\"a\"".into()],
            &[key("\"id\"")],
            &[],
            &Seek::After(vec![t("9")]),
            1000,
        );
        assert_eq!(s.sql, "SELECT \"a\", \"id\" FROM t WHERE \"id\" > $1 ORDER BY \"id\" ASC LIMIT 1000");
        let m = matching(
            Backend::Sqlite,
            "t",
            &["*".into()],
            &[("\"a\"".into(), Value::Int(1)), ("\"b\"".into(), Value::Null)],
            2,
        );
        assert_eq!(m.sql, "SELECT * FROM t WHERE \"a\" = ?1 AND \"b\" IS NULL LIMIT 2");
        let i = insert(Backend::Pg, "t", &[("\"a\"".into(), t("x")), ("\"b\"".into(), Value::Null)]);
        assert_eq!(i.sql, "INSERT INTO t (\"a\", \"b\") VALUES ($1, $2)");
        assert_eq!(insert(Backend::Pg, "t", &[]).sql, "INSERT INTO t DEFAULT VALUES");
        let u =
            update(Backend::Sqlite, "t", &[("\"a\"".into(), t("x"))], &[("\"id\"".into(), Value::Int(3))]);
        assert_eq!(u.sql, "UPDATE t SET \"a\" = ?1 WHERE \"id\" = ?2");
        assert_eq!(u.params, [t("x"), Value::Int(3)]);
        let d = delete(Backend::Pg, "t", &[("\"id\"".into(), t("3"))]);
        assert_eq!(d.sql, "DELETE FROM t WHERE \"id\" = $1");
    }
}
