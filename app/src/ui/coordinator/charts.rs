//! Small server-rendered SVG charts for the coordinator's overview: horizontal bars
//! ([`BarChart`]), registrations over time ([`DayChart`]) and a capacity bar
//! ([`SeatsBar`]). Each is an image with its numbers in its `<title>` (`role="img"`), and
//! the page shows the same numbers as a table beside it. Colours come from classes in
//! style/main.css (no inline styles: the CSP forbids them).

use leptos::prelude::*;

/// Chart width in SVG units (the stylesheet scales it to the column).
const W: f64 = 600.0;

fn fmt(x: f64) -> String {
    format!("{x:.1}")
}

/// One horizontal bar per row, label above its bar, count after it. `rows` are (label,
/// count); `summary` is the accessible text (the title plus every number).
#[component]
pub fn BarChart(id: String, summary: String, rows: Vec<(String, i64)>) -> impl IntoView {
    const ROW: f64 = 44.0;
    const BAR_MAX: f64 = W - 60.0;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1) as f64;
    let height = ROW * rows.len().max(1) as f64;
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, count))| {
            let y = ROW * i as f64;
            let w = (count as f64 / max * BAR_MAX).max(if count > 0 { 2.0 } else { 0.0 });
            view! {
                <text class="chart-label" x="0" y=fmt(y + 15.0)>{label}</text>
                <rect class="chart-bar" x="0" y=fmt(y + 21.0) width=fmt(w) height="16" rx="3"/>
                <text class="chart-value" x=fmt(w + 8.0) y=fmt(y + 34.0)>{count}</text>
            }
        })
        .collect_view();
    view! {
        <svg
            class="chart"
            id=id
            viewBox=format!("0 0 {W} {}", fmt(height))
            role="img"
            aria-labelledby=labelled_by
            xmlns="http://www.w3.org/2000/svg"
        >
            <title id=title_id>{summary}</title>
            {bars}
        </svg>
    }
}

/// New registrations per day as bars and the running total as a line, on one scale
/// (0 to the total). `days` are (short day label, new, running total).
#[component]
pub fn DayChart(id: String, summary: String, days: Vec<(String, i64, i64)>) -> impl IntoView {
    const H: f64 = 220.0;
    const LEFT: f64 = 44.0;
    const TOP: f64 = 12.0;
    const BOTTOM: f64 = 190.0;
    let plot_w = W - LEFT - 8.0;
    let n = days.len().max(1) as f64;
    let step = plot_w / n;
    let max = days.iter().map(|d| d.2).max().unwrap_or(0).max(1) as f64;
    let y_of = |v: i64| BOTTOM - v as f64 / max * (BOTTOM - TOP);
    let x_mid = |i: usize| LEFT + step * (i as f64 + 0.5);
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    let line: String = days
        .iter()
        .enumerate()
        .map(|(i, d)| format!("{},{}", fmt(x_mid(i)), fmt(y_of(d.2))))
        .collect::<Vec<_>>()
        .join(" ");
    let bar_w = (step * 0.6).max(1.0);
    let bars = days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let y = y_of(d.1);
            view! {
                <rect class="chart-bar" x=fmt(x_mid(i) - bar_w / 2.0) y=fmt(y) width=fmt(bar_w) height=fmt(BOTTOM - y)/>
            }
        })
        .collect_view();
    let dots = days
        .iter()
        .enumerate()
        .map(
            |(i, d)| view! { <circle class="chart-dot" cx=fmt(x_mid(i)) cy=fmt(y_of(d.2)) r="4"/> },
        )
        .collect_view();
    let first = days.first().map(|d| d.0.clone()).unwrap_or_default();
    let last = if days.len() > 1 {
        days.last().map(|d| d.0.clone())
    } else {
        None
    };
    view! {
        <svg
            class="chart"
            id=id
            viewBox=format!("0 0 {W} {H}")
            role="img"
            aria-labelledby=labelled_by
            xmlns="http://www.w3.org/2000/svg"
        >
            <title id=title_id>{summary}</title>
            <line class="chart-axis" x1=fmt(LEFT) y1=fmt(BOTTOM) x2=fmt(W - 8.0) y2=fmt(BOTTOM)/>
            <line class="chart-axis" x1=fmt(LEFT) y1=fmt(TOP) x2=fmt(LEFT) y2=fmt(BOTTOM)/>
            <text class="chart-value" x=fmt(LEFT - 6.0) y=fmt(TOP + 5.0) text-anchor="end">{max as i64}</text>
            <text class="chart-value" x=fmt(LEFT - 6.0) y=fmt(BOTTOM) text-anchor="end">"0"</text>
            {bars}
            <polyline class="chart-line" points=line/>
            {dots}
            <text class="chart-value" x=fmt(LEFT) y=fmt(H - 6.0)>{first}</text>
            {last.map(|l| view! { <text class="chart-value" x=fmt(W - 8.0) y=fmt(H - 6.0) text-anchor="end">{l}</text> })}
        </svg>
    }
}

/// The capacity as one bar: the confirmed part filled, the free part outlined.
#[component]
pub fn SeatsBar(id: String, summary: String, capacity: i64, confirmed: i64) -> impl IntoView {
    let cap = capacity.max(1) as f64;
    let taken = (confirmed.min(capacity.max(0)) as f64 / cap * W).max(0.0);
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <svg
            class="chart seats"
            id=id
            viewBox=format!("0 0 {W} 28")
            role="img"
            aria-labelledby=labelled_by
            xmlns="http://www.w3.org/2000/svg"
        >
            <title id=title_id>{summary}</title>
            <rect class="chart-free" x="1" y="1" width=fmt(W - 2.0) height="26" rx="4"/>
            <rect class="chart-bar" x="1" y="1" width=fmt((taken - 2.0).max(0.0)) height="26" rx="4"/>
        </svg>
    }
}
