//! `/coordinator/events/:slug/followup`: the follow-up after the event. Who sat at a table
//! and who was mailed, a preview of the next mail, a confirmed send (an `ActionForm`; it
//! mails nobody twice), and the answers per topic beside the plan's prediction.

use super::{action_error, FormError, QueryNotice};
use crate::followup::api::{get_followup, SendFollowup};
use crate::followup::model::FollowupView;
use crate::i18n::T;
use crate::ui::{use_lang, ErrorCard, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn FollowupPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let action = ServerAction::<SendFollowup>::new();
    let data = Resource::new(
        move || (slug(), action.version().get()),
        |(slug, _)| get_followup(slug),
    );
    view! {
        <Title text=lang.t(T::CoordFollowupTitle)/>
        <super::dashboard::SignedIn>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(v) => view! { <Followup v action/> }.into_any(),
                        Err(e) => view! { <ErrorCard error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </super::dashboard::SignedIn>
    }
}

/// "3 / 4 (75 %)".
fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        return format!("{part} / 0");
    }
    format!("{part} / {whole} ({} %)", (part * 100 + whole / 2) / whole)
}

#[component]
fn Followup(v: FollowupView, action: ServerAction<SendFollowup>) -> impl IntoView {
    let lang = use_lang();
    let to_send = v.to_send;
    // after the purge there is nobody left to mail
    let live = v.kept_at.is_none();
    let preview = v.preview.clone().map(|(name, subject, text)| {
        view! {
            <h3>{format!("{} {name}", lang.t(T::CoordFollowupPreview))}</h3>
            <div class="mail-preview" data-testid="followup-preview">
                <p><strong>{subject}</strong></p>
                <pre>{text}</pre>
            </div>
        }
    });
    let rows = v
        .topics
        .iter()
        .map(|t| {
            view! {
                <tr data-topic=t.code.clone()>
                    <th scope="row" lang="nl-BE">{t.label.clone()}</th>
                    <td>{share(t.predicted_met, t.asked)}</td>
                    <td data-answer="yes">{t.yes}</td>
                    <td data-answer="partly">{t.partly}</td>
                    <td data-answer="no">{t.no}</td>
                </tr>
            }
        })
        .collect_view();
    let answered = v.topics.iter().any(|t| t.yes + t.partly + t.no > 0);
    view! {
        <section class="card coordinator followup" aria-labelledby="followup-heading">
            <h1 id="followup-heading">{lang.t(T::CoordFollowupTitle)}</h1>
            <p class="event-ref"><a href=format!("/coordinator/events/{}", v.slug)>{v.title.clone()}</a></p>
            <QueryNotice key="queued" text=T::CoordFollowupQueued/>
            <p>{lang.t(T::CoordFollowupIntro)}</p>
            {(!v.ended).then(|| view! { <p class="notice">{lang.t(T::CoordFollowupNotEnded)}</p> })}
            {v.kept_at.clone().map(|at| {
                let day = chrono::DateTime::parse_from_rfc3339(&at)
                    .map(|t| crate::i18n::format_date(lang, t.with_timezone(&chrono::Utc)))
                    .unwrap_or_default();
                view! {
                    <p class="notice" data-testid="followup-kept">
                        {lang.t(T::CoordFollowupKept)} " " <time datetime=at>{day}</time> "."
                    </p>
                }
            })}
            {(v.seated == 0 && v.kept_at.is_none()).then(|| view! { <p class="notice">{lang.t(T::CoordFollowupNoPlan)}</p> })}
            <dl class="facts">
                <dt>{lang.t(T::CoordFollowupSeated)}</dt>
                <dd data-testid="followup-seated">{v.seated}</dd>
                <dt>{lang.t(T::CoordFollowupSent)}</dt>
                <dd data-testid="followup-sent">{v.sent}</dd>
                <dt>{lang.t(T::CoordFollowupToSend)}</dt>
                <dd data-testid="followup-to-send">{to_send}</dd>
            </dl>
            {preview}
            {live.then(|| view! {
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="slug" value=v.slug.clone()/>
                <label class="check" for="followup-confirm">
                    <input type="checkbox" id="followup-confirm" name="confirm" value="yes" required/>
                    " " {lang.t(T::CoordFollowupConfirm)}
                </label>
                <button type="submit" class="button" disabled=move || to_send == 0 || action.pending().get()>
                    {lang.t(T::CoordFollowupSend)}
                </button>
                <FormError error=action_error(action)/>
            </ActionForm>
            })}
        </section>
        <section class="card coordinator" aria-labelledby="answers-heading">
            <h2 id="answers-heading">{lang.t(T::CoordFollowupAnswers)}</h2>
            <dl class="facts">
                <dt>{lang.t(T::CoordFollowupResponse)}</dt>
                <dd data-testid="followup-response">{share(v.responded, v.sent)}</dd>
                {v.plan_needs.map(|(met, total)| view! {
                    <dt>{lang.t(T::CoordFollowupPlanFigure)}</dt>
                    <dd data-testid="followup-plan-needs">{share(met, total)}</dd>
                })}
            </dl>
            {if v.topics.is_empty() {
                view! { <p class="empty">{lang.t(T::CoordFollowupNoAnswers)}</p> }.into_any()
            } else {
                view! {
                    {(!answered).then(|| view! { <p class="empty">{lang.t(T::CoordFollowupNoAnswers)}</p> })}
                    <table class="chart-table followup-answers">
                        <thead>
                            <tr>
                                <th scope="col">{lang.t(T::CoordFollowupTopic)}</th>
                                <th scope="col">{lang.t(T::CoordFollowupPredicted)}</th>
                                <th scope="col">{lang.t(T::FollowupYes)}</th>
                                <th scope="col">{lang.t(T::FollowupPartly)}</th>
                                <th scope="col">{lang.t(T::FollowupNo)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
    }
}
