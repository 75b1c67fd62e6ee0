//! The answer page behind the link in the follow-up mail (`/f/<token>`): per need the person
//! picked at registration, "did you find it?" yes / partly / no, changeable later, and a
//! thank-you once answered. It loads no wasm (see `assets.rs`): the form posts plainly to
//! `/f/<token>`, which redirects back with `?saved=1`, or renders the page again with the
//! message ([`PostedAnswers`]). A wrong or expired link shows its own page.

use super::{organiser_lang, use_lang, ErrorCard, Loading};
use crate::error::AppError;
use crate::followup::api::open_followup;
use crate::followup::model::{field_name, Answer, AnswerPage};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// Answers posted without the wasm that were refused, rendered back with the message.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostedAnswers {
    pub general: Option<T>,
}

#[component]
pub fn FollowupAnswerPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let posted = use_context::<PostedAnswers>().unwrap_or_default();
    let data = Resource::new(token, open_followup);
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || {
                let posted = posted.clone();
                Suspend::new(async move {
                    match data.await {
                        Err(e @ (AppError::InvalidLink | AppError::LinkExpired)) => {
                            view! { <LinkRefused error=e/> }.into_any()
                        }
                        Err(e) => view! { <ErrorCard error=e/> }.into_any(),
                        Ok(page) => view! { <Answers page token=token() posted/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Answers(page: AnswerPage, token: String, posted: PostedAnswers) -> impl IntoView {
    let lang = use_lang();
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    let title = format!("{} — {}", lang.t(T::FollowupPageTitle), page.event_title);
    let needs = page
        .needs
        .iter()
        .map(|n| {
            let name = field_name(&n.code);
            let choices = Answer::ALL
                .into_iter()
                .map(|a| {
                    let id = format!("{name}-{}", a.code());
                    let checked = n.answer == Some(a);
                    let for_id = id.clone();
                    view! {
                        <label class="check" for=for_id>
                            <input type="radio" id=id name=name.clone() value=a.code() checked=checked/>
                            {lang.t(a.label())}
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="field answer" data-topic=n.code.clone()>
                    <legend lang=organiser_lang(lang)>{n.label.clone()}</legend>
                    {choices}
                </fieldset>
            }
        })
        .collect_view();
    let form = if page.needs.is_empty() {
        view! { <p>{lang.t(T::FollowupNoNeeds)}</p> }.into_any()
    } else {
        view! {
            <p>{lang.t(T::FollowupPageIntro)}</p>
            <form method="post" action=format!("/f/{token}")>
                {needs}
                <button type="submit" class="button primary">{lang.t(T::FollowupSave)}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <Title text=title/>
        <section class="card form-card followup-answer">
            <h1>{lang.t(T::FollowupPageTitle)}</h1>
            <p class="event-ref">{page.event_title.clone()}</p>
            {posted.general.map(|t| view! {
                <div class="form-error" id="form-error" role="alert" tabindex="-1" autofocus=true>
                    <p>{lang.t(t)}</p>
                </div>
            })}
            {saved.then(|| view! { <p class="notice success" role="status">{lang.t(T::FollowupThanks)}</p> })}
            {form}
        </section>
    }
}

/// A wrong or expired answer link: what it means for this link (not the manage link's text).
#[component]
fn LinkRefused(error: AppError) -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(code) = axum::http::StatusCode::from_u16(error.status()) {
            resp.set_status(code);
        }
    }
    let (title, text) = if error == AppError::LinkExpired {
        (T::LinkExpiredTitle, T::FollowupLinkExpired)
    } else {
        (T::InvalidLinkTitle, T::FollowupLinkInvalid)
    };
    view! {
        <Title text=lang.t(title)/>
        <section class="card error-card" role="alert">
            <h1>{lang.t(title)}</h1>
            <p>{lang.t(text)}</p>
            <p><a href="/">{lang.t(T::BackHome)}</a></p>
        </section>
    }
}
