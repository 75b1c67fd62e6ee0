//! Command-line entry points (native only): `seat` solves an instance file and writes an
//! assignment file in the v1 formats; the summary includes the process's peak memory.

use std::path::Path;

use web_time::Duration;

use super::error::SeatingError;
use super::explain::render_table_explanation;
use super::format::{AssignmentV1, InstanceV1};
use super::problem::Problem;
use super::solver::{solve, SolveOptions};

/// Time budget (seconds) that suits the problem when none is given: grows with the
/// person-rounds, plus extra time for crowded events where people meet more than 30 % of
/// the others (repeat-free plans are rare there and take longer to find).
pub fn default_time_limit(p: &Problem) -> f64 {
    let seats_per_table = p.n as f64 / p.t.max(1) as f64;
    let crowding = p.r as f64 * (seats_per_table - 1.0).max(0.0) / (p.n.max(2) - 1) as f64;
    let extra = if crowding > 0.3 {
        3.0 * crowding.min(1.0).powi(2)
    } else {
        0.0
    };
    (0.25 + (p.n * p.r) as f64 / 600.0 + extra).min(8.0)
}

/// Peak resident memory of this process in KiB (Linux `VmHWM`), if available.
pub fn peak_rss_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn io(path: &Path, e: std::io::Error) -> SeatingError {
    SeatingError::Io(format!("{}: {e}", path.display()))
}

/// `tafelronde seat --instance FILE --out PLAN [--time-limit S] [--seed N]`.
/// Returns a multi-line summary (budget, metrics, `peak_rss_kb=`).
pub fn run_seat_cli(
    instance: &Path,
    out: &Path,
    time_limit: Option<f64>,
    seed: u64,
) -> Result<String, SeatingError> {
    let text = std::fs::read_to_string(instance).map_err(|e| io(instance, e))?;
    let inst = InstanceV1::from_json(&text)?;
    let problem = inst.to_problem()?;
    let chosen = time_limit.is_none();
    let budget = time_limit.unwrap_or_else(|| default_time_limit(&problem));
    if !budget.is_finite() || budget < 0.0 {
        return Err(SeatingError::Format(format!("invalid time limit {budget}")));
    }
    let opts = SolveOptions {
        seed,
        time_limit: Some(Duration::from_secs_f64(budget)),
        max_iterations: None,
        threads: 0,
    };
    let res = solve(&problem, &opts)?;
    let solver = format!(
        "tafelronde-seating tabu seed={seed} budget={budget:.2}s threads={}",
        res.stats.threads
    );
    let mut asg = AssignmentV1::from_plan(&problem, &res.plan, &solver, res.stats.runtime_s);
    // One short explanation per table and round, e.g. "4 groups; Anna looks for funding, …".
    let explanations: Vec<serde_json::Value> = res
        .explanations
        .iter()
        .map(|round| {
            serde_json::Value::Object(
                round
                    .iter()
                    .map(|e| {
                        (
                            e.table.clone(),
                            serde_json::Value::String(render_table_explanation(e)),
                        )
                    })
                    .collect(),
            )
        })
        .collect();
    asg.notes = serde_json::json!({ "explanations": explanations });
    std::fs::write(out, asg.to_json()?).map_err(|e| io(out, e))?;
    let r = &res.report;
    let mut s = String::new();
    s.push_str(&format!(
        "instance={} budget={budget:.2}s{} runtime_s={:.3} stop={:?} iterations={}\n",
        problem.spec.name,
        if chosen { " (chosen for size)" } else { "" },
        res.stats.runtime_s,
        res.stats.stop,
        res.stats.iterations
    ));
    s.push_str(&format!(
        "valid={} repeats={} same_org_pairs={} groups/table min={} mean={:.2} missing_group_slots={} need_met={}/{} same_sector_pairs={}\n",
        r.valid,
        r.repeats,
        r.same_org_pairs,
        r.distinct_groups_min,
        r.distinct_groups_mean,
        r.missing_group_slots,
        r.person_rounds_need_met,
        r.person_rounds_with_needs,
        r.same_sector_pairs
    ));
    s.push_str(&format!(
        "peak_rss_kb={}",
        peak_rss_kb().map_or("n/a".into(), |x| x.to_string())
    ));
    Ok(s)
}
