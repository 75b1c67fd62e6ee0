//! Seating benchmark (native only): solves every instance in a directory plus generated
//! 1000-person and mixed-table-size events, each in a child process (`seat` subcommand of
//! the current executable) to measure peak memory, and prints one table row per instance.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::error::SeatingError;
use super::format::{AssignmentV1, InstanceV1};
use super::generate::bench_instances;
use super::score::validate;

/// Default instance directory, relative to the repository root.
pub const DEFAULT_DIR: &str = "../shared/bench/tables/instances";

/// `tafelronde bench-seating [--dir DIR]`: returns the printed table.
pub fn run_bench_cli(dir: Option<&Path>) -> Result<String, SeatingError> {
    let dir = dir
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DIR));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| SeatingError::Io(format!("{}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let tmp = std::env::temp_dir().join(format!("tafelronde-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).map_err(|e| SeatingError::Io(e.to_string()))?;
    for inst in bench_instances() {
        let path = tmp.join(format!("{}.json", inst.name));
        std::fs::write(&path, inst.to_json()?).map_err(|e| SeatingError::Io(e.to_string()))?;
        files.push(path);
    }
    let exe = std::env::current_exe().map_err(|e| SeatingError::Io(e.to_string()))?;
    let mut out = String::from(
        "| instance | n | valid | repeats | groups/table min/mean | need met (person-rounds) | time s | peak MB |\n|---|---|---|---|---|---|---|---|\n",
    );
    for f in &files {
        let name = f
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let plan_path = tmp.join(format!("{name}.plan.json"));
        let child = Command::new(&exe)
            .arg("seat")
            .arg("--instance")
            .arg(f)
            .arg("--out")
            .arg(&plan_path)
            .arg("--seed")
            .arg("1")
            .output()
            .map_err(|e| SeatingError::Io(format!("running {}: {e}", exe.display())))?;
        let stdout = String::from_utf8_lossy(&child.stdout);
        if !child.status.success() {
            out.push_str(&format!(
                "| {name} | | error: {} | | | | | |\n",
                String::from_utf8_lossy(&child.stderr).trim()
            ));
            continue;
        }
        let field = |k: &str| {
            stdout
                .split_whitespace()
                .find_map(|w| w.strip_prefix(k))
                .map(str::to_string)
        };
        let runtime = field("runtime_s=").unwrap_or_default();
        let peak_mb = field("peak_rss_kb=")
            .and_then(|x| x.parse::<f64>().ok())
            .map_or("n/a".into(), |kb| format!("{:.1}", kb / 1024.0));
        let read = |p: &Path| {
            std::fs::read_to_string(p)
                .map_err(|e| SeatingError::Io(format!("{}: {e}", p.display())))
        };
        let problem = InstanceV1::from_json(&read(f)?)?.to_problem()?;
        let plan = AssignmentV1::from_json(&read(&plan_path)?)?.to_plan(&problem)?;
        let r = validate(&problem, &plan);
        let groups = if r.groups_in_instance > 0 {
            format!("{} / {:.2}", r.distinct_groups_min, r.distinct_groups_mean)
        } else {
            "-".into()
        };
        let need = if r.person_rounds_with_needs > 0 {
            format!(
                "{:.1} %",
                100.0 * r.person_rounds_need_met as f64 / r.person_rounds_with_needs as f64
            )
        } else {
            "-".into()
        };
        out.push_str(&format!(
            "| {name} | {} | {} | {} | {groups} | {need} | {runtime} | {peak_mb} |\n",
            problem.n, r.valid, r.repeats
        ));
    }
    let _ = std::fs::remove_dir_all(&tmp);
    Ok(out)
}
