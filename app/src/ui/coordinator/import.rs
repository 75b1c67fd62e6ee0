//! The CSV import on an event's registrations page: the coordinator pastes the CSV text,
//! checks it (a dry run listing bad rows by line and field, and duplicates), then confirms
//! to import the valid rows (each person mailed). Both steps are `ActionForm`s over the
//! import server functions; the report comes back as the action's value.

use super::FormError;
use crate::error::AppError;
use crate::i18n::T;
use crate::registration::admin_api::{CheckImport, ConfirmImport};
use crate::registration::ImportReport;
use crate::ui::{use_lang, MultilineText};
use leptos::prelude::*;

#[component]
pub(super) fn ImportSection(
    #[prop(into)] slug: Signal<String>,
    check: ServerAction<CheckImport>,
    confirm: ServerAction<ConfirmImport>,
) -> impl IntoView {
    let lang = use_lang();
    // The last report: the check's, or the import's once confirmed.
    let shown: RwSignal<Option<Result<ImportReport, AppError>>> = RwSignal::new(None);
    Effect::new(move || {
        if let Some(v) = check.value().get() {
            shown.set(Some(v));
        }
    });
    Effect::new(move || {
        if let Some(v) = confirm.value().get() {
            shown.set(Some(v));
        }
    });
    let error = Signal::derive(move || shown.get().and_then(|r| r.err()));
    let pending = move || check.pending().get() || confirm.pending().get();
    view! {
        <section class="card coordinator import" aria-labelledby="import-title">
            <h2 id="import-title">{lang.t(T::CoordImpTitle)}</h2>
            <p>{lang.t(T::CoordImpIntro)}</p>
            <p class="hint" id="import-columns">{lang.t(T::CoordImpColumns)}</p>
            <p class="notice">{lang.t(T::CoordImpMailNote)}</p>
            <FormError error/>
            <ActionForm action=check attr:class="import-form">
                <input type="hidden" name="slug" value=slug/>
                <div class="field">
                    <label for="import-csv">{lang.t(T::CoordImpField)}</label>
                    <MultilineText id="import-csv" name="csv" rows=8 required=true described_by="import-columns"/>
                </div>
                <button type="submit" class="button" disabled=pending>{lang.t(T::CoordImpCheck)}</button>
            </ActionForm>
            {move || {
                shown
                    .get()
                    .and_then(|r| r.ok())
                    .map(|report| view! { <Report report slug confirm/> })
            }}
        </section>
    }
}

#[component]
fn Report(
    report: ImportReport,
    slug: Signal<String>,
    confirm: ServerAction<ConfirmImport>,
) -> impl IntoView {
    let lang = use_lang();
    let (heading, summary) = if report.imported {
        (T::CoordImpDone, T::CoordImpWereImported)
    } else {
        (T::CoordImpPreview, T::CoordImpCanImport)
    };
    let lines = report.problem_lines();
    let duplicates = report.duplicates.clone();
    let can_confirm = !report.imported && report.valid() > 0;
    let csv = report.csv.clone();
    view! {
        <div class="import-report">
            <h3>{lang.t(heading)}</h3>
            <p role="status" class="import-summary">
                <strong>{report.valid()}</strong> " " {lang.t(summary)} ": "
                <strong>{report.confirmed}</strong> " " {lang.t(T::CoordImpSeat)} ", "
                <strong>{report.waitlisted}</strong> " " {lang.t(T::CoordImpWait)} "."
            </p>
            {(report.valid() == 0).then(|| view! { <p>{lang.t(T::CoordImpNothing)}</p> })}
            {(!lines.is_empty()).then(|| view! {
                <div class="table-scroll">
                    <table class="import-problems">
                        <caption>{lang.t(T::CoordImpProblems)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{lang.t(T::CoordImpLine)}</th>
                                <th scope="col">{lang.t(T::CoordImpColumn)}</th>
                                <th scope="col">{lang.t(T::CoordImpReason)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {lines.into_iter().flat_map(|(line, problems)| {
                                problems.into_iter().map(move |p| view! {
                                    <tr data-line=line.to_string()>
                                        <th scope="row">{line}</th>
                                        <td>{lang.t(p.column_label())}</td>
                                        <td>{lang.t(p.error)}</td>
                                    </tr>
                                })
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {(!duplicates.is_empty()).then(|| view! {
                <div class="table-scroll">
                    <table class="import-duplicates">
                        <caption>{lang.t(T::CoordImpDuplicates)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{lang.t(T::CoordImpLine)}</th>
                                <th scope="col">{lang.t(T::CoordRegEmail)}</th>
                                <th scope="col">{lang.t(T::CoordImpReason)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {duplicates.into_iter().map(|d| {
                                let reason = match d.earlier_line {
                                    None => lang.t(T::CoordImpDupExisting).to_string(),
                                    Some(l) => format!("{} {l}", lang.t(T::CoordImpDupEarlier)),
                                };
                                view! {
                                    <tr data-line=d.line.to_string()>
                                        <th scope="row">{d.line}</th>
                                        <td>{d.email}</td>
                                        <td>{reason}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {can_confirm.then(|| view! {
                <ActionForm action=confirm attr:class="import-confirm">
                    <input type="hidden" name="slug" value=slug/>
                    <input type="hidden" name="csv" value=csv/>
                    <p class="hint">{lang.t(T::CoordImpMailNote)}</p>
                    <button type="submit" class="button primary" disabled=move || confirm.pending().get()>
                        {lang.t(T::CoordImpConfirm)}
                    </button>
                </ActionForm>
            })}
        </div>
    }
}
