//! Plain HTML form posts (JavaScript off): registration, edit and cancel, a speaker's
//! profile change and photo, and the answers to the follow-up after the event. Bodies are parsed strictly ([`StrictForm`]; the photo upload is
//! `multipart/form-data` with its own body limit). Each calls the same service as the server
//! functions; on success it redirects (303), on a refusal it renders the page again with the
//! typed values and the messages (4xx for the user's mistakes, 5xx for ours), except the
//! photo posts, which redirect back to the page with the reason. A link is checked to be a
//! token before it is used in a redirect.

use crate::strict_form::StrictForm;
use app::error::AppError;
use app::followup::service::AnswerOutcome;
use app::i18n::{Lang, T};
use app::programme::photo::{PhotoOutcome, PhotoProblem, MAX_UPLOAD_BYTES};
use app::programme::speaker::{ProfileInput, ProfileOutcome};
use app::registration::{service, RegisterOutcome, RegistrationForm};
use app::shell;
use app::state::AppState;
use app::ui::{PostedAnswers, PostedForm, PostedManage, PostedSpeaker};
use axum::body::Body;
use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, Request, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use std::collections::HashMap;

/// Characters escaped in one path segment.
const PATH_SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

use crate::http::page::lang_of;

/// Renders the Leptos page at `uri` as for a GET, with `extra` in its context.
async fn render_page<C: Clone + Send + Sync + 'static>(
    state: AppState,
    uri: Uri,
    headers: HeaderMap,
    extra: Option<C>,
    status: StatusCode,
) -> Response {
    let mut req = Request::builder().method("GET").uri(uri);
    for name in [header::COOKIE, header::ACCEPT_LANGUAGE] {
        if let Some(value) = headers.get(&name) {
            req = req.header(name, value);
        }
    }
    let Ok(req) = req.body(Body::empty()) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let opts = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(state.clone());
            if let Some(c) = extra.clone() {
                provide_context(c);
            }
        },
        move || shell(opts.clone()),
    );
    let mut res = handler(req).await.into_response();
    if res.status() == StatusCode::OK {
        *res.status_mut() = status;
    }
    res
}

/// The status of a page that shows `e`: 4xx for the user's mistakes, 5xx for ours.
fn status_of(e: &AppError) -> StatusCode {
    StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The typed form of a strict form post, with the fields that were not valid UTF-8.
fn form_of(body: &StrictForm) -> RegistrationForm {
    let mut form = RegistrationForm::from_pairs(&body.pairs);
    for name in &body.invalid {
        form.mark_invalid(name);
    }
    form
}

/// The manage page of a link (its token already checked to be 64 hex digits).
fn manage_path(token: &str) -> String {
    format!("/m/{token}")
}

pub async fn register(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: StrictForm,
) -> Response {
    let lang = lang_of(&headers);
    let form = form_of(&body);
    let posted = |errors, general| PostedForm {
        form: form.clone(),
        errors,
        general,
    };
    let (posted, status) = match state.registrations().register(&slug, &form, lang).await {
        Ok(outcome @ (RegisterOutcome::Accepted | RegisterOutcome::WaitListed)) => {
            let slug = utf8_percent_encode(&slug, PATH_SEGMENT);
            let wait = if outcome == RegisterOutcome::WaitListed {
                "?waitlist=1"
            } else {
                ""
            };
            return Redirect::to(&format!("/e/{slug}/check-mail{wait}")).into_response();
        }
        Ok(RegisterOutcome::Invalid(errors)) => (
            posted(errors, Some(T::FixErrors)),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => (posted(Default::default(), Some(e.message())), status_of(&e)),
    };
    render_page(state, uri, headers, Some(posted), status).await
}

/// A refused edit or cancellation: the manage page again with the message, and the typed
/// values of an edit. An unusable link shows the link's own error page.
async fn refused(
    state: AppState,
    uri: Uri,
    headers: HeaderMap,
    posted: PostedManage,
    status: StatusCode,
) -> Response {
    render_page(state, uri, headers, Some(posted), status).await
}

pub async fn update(
    State(state): State<AppState>,
    Path(token): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: StrictForm,
) -> Response {
    if !service::is_token_format(&token) {
        return render_page::<PostedManage>(state, uri, headers, None, StatusCode::NOT_FOUND).await;
    }
    let lang = lang_of(&headers);
    let form = form_of(&body);
    let (posted, status) = match state.registrations().update(&token, &form, lang).await {
        Ok(RegisterOutcome::Accepted | RegisterOutcome::WaitListed) => {
            return Redirect::to(&format!("{}?saved=1", manage_path(&token))).into_response()
        }
        Ok(RegisterOutcome::Invalid(errors)) => (
            PostedManage {
                form: Some(form),
                errors,
                general: Some(T::FixErrors),
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => (
            PostedManage {
                form: Some(form),
                errors: Default::default(),
                general: Some(e.message()),
            },
            status_of(&e),
        ),
    };
    refused(state, uri, headers, posted, status).await
}

/// The manage page of a link that is not 64 hex digits: the invalid link's page, 404.
async fn invalid_link(state: AppState, headers: HeaderMap) -> Response {
    let uri = Uri::from_static("/m/invalid");
    render_page::<PostedManage>(state, uri, headers, None, StatusCode::NOT_FOUND).await
}

/// After a cancellation or a consent change: to `done` (a path) when it was done, else the
/// manage page with the message and the error's status.
async fn manage_outcome(
    state: AppState,
    token: &str,
    headers: HeaderMap,
    outcome: Result<(), AppError>,
    done: String,
) -> Response {
    match outcome {
        Ok(()) => Redirect::to(&done).into_response(),
        Err(e) => {
            let page = manage_path(token);
            let uri: Uri = page.parse().unwrap_or_else(|_| Uri::from_static("/"));
            let posted = PostedManage {
                form: None,
                errors: Default::default(),
                general: Some(e.message()),
            };
            refused(state, uri, headers, posted, status_of(&e)).await
        }
    }
}

pub async fn cancel(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: StrictForm,
) -> Response {
    if !service::is_token_format(&token) {
        return invalid_link(state, headers).await;
    }
    let page = manage_path(&token);
    if !body.has("confirm") {
        return Redirect::to(&format!("{page}?cancel_error=1")).into_response();
    }
    let outcome = state.registrations().cancel(&token).await;
    manage_outcome(state, &token, headers, outcome, page).await
}

/// The consent to share contact details, changed from the manage page (possible also once
/// changes have closed): back to the page with `?shared=1`, or the page with the message.
pub async fn share(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: StrictForm,
) -> Response {
    if !service::is_token_format(&token) {
        return invalid_link(state, headers).await;
    }
    let share = body.has(app::registration::SHARE_CONTACT);
    let outcome = state.registrations().set_share(&token, share).await;
    let done = format!("{}?shared=1", manage_path(&token));
    manage_outcome(state, &token, headers, outcome, done).await
}

/// A speaker's profile change from their page (`/s/{token}`): back to the page with
/// `?saved=1`, or the page again with the messages and the typed values.
pub async fn speaker_update(
    State(state): State<AppState>,
    Path(token): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: StrictForm,
) -> Response {
    if !service::is_token_format(&token) {
        return render_page::<PostedSpeaker>(state, uri, headers, None, StatusCode::NOT_FOUND)
            .await;
    }
    let mut input = ProfileInput::from_pairs(&body.pairs);
    // A field that was not valid UTF-8 is refused as invisible characters.
    for name in &body.invalid {
        match name.as_str() {
            "name" => input.name = "\u{FFFD}".into(),
            "role" => input.role = "\u{FFFD}".into(),
            "organisation" => input.organisation = "\u{FFFD}".into(),
            "bio" => input.bio = "\u{FFFD}".into(),
            _ => {}
        }
    }
    let (posted, status) = match state.speakers().update_profile(&token, &input).await {
        Ok(ProfileOutcome::Saved) => {
            return Redirect::to(&format!("/s/{token}?saved=1")).into_response()
        }
        Ok(ProfileOutcome::Invalid(errors)) => (
            PostedSpeaker {
                input,
                errors,
                general: Some(T::FixErrors),
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => (
            PostedSpeaker {
                input,
                errors: Default::default(),
                general: Some(e.message()),
            },
            status_of(&e),
        ),
    };
    render_page(state, uri, headers, Some(posted), status).await
}

/// Answers from the follow-up page (`/f/{token}`): back to the page with `?saved=1`, or the
/// page again with the message (nothing chosen: 422; a wrong or expired link: its page).
pub async fn followup_answer(
    State(state): State<AppState>,
    Path(token): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: StrictForm,
) -> Response {
    if !service::is_token_format(&token) {
        return render_page::<PostedAnswers>(state, uri, headers, None, StatusCode::NOT_FOUND)
            .await;
    }
    let (posted, status) = match state.followup().answer(&token, &body.pairs).await {
        Ok(AnswerOutcome::Saved) => {
            return Redirect::to(&format!("/f/{token}?saved=1")).into_response()
        }
        Ok(AnswerOutcome::Invalid(t)) => (
            PostedAnswers { general: Some(t) },
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => (
            PostedAnswers {
                general: Some(e.message()),
            },
            status_of(&e),
        ),
    };
    render_page(state, uri, headers, Some(posted), status).await
}

/// Body limit of the photo upload (`/s/{token}/photo`): a file up to twice the allowed size
/// is still read to its end, so the browser surely gets the answer that it is too large; a
/// larger body is cut off at this limit (refused the same way, if the browser still reads
/// the answer). 64 KiB are for the form around the file.
pub const PHOTO_BODY_LIMIT: usize = 2 * MAX_UPLOAD_BYTES + 64 * 1024;

/// The file in the `photo` field of an upload, at most [`MAX_UPLOAD_BYTES`]; the rest of
/// the body is read and dropped.
async fn read_photo(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Vec<u8>, PhotoProblem> {
    let mut multipart = multipart.map_err(|_| PhotoProblem::Missing)?;
    let cut_off = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            PhotoProblem::TooLarge
        } else {
            PhotoProblem::NotAnImage
        }
    };
    let mut photo: Option<Vec<u8>> = None;
    let mut too_large = false;
    while let Some(mut field) = multipart.next_field().await.map_err(cut_off)? {
        let wanted = field.name() == Some("photo") && photo.is_none();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(cut_off)? {
            if !wanted || too_large {
                continue;
            }
            if bytes.len() + chunk.len() > MAX_UPLOAD_BYTES {
                too_large = true;
                bytes = Vec::new();
            } else {
                bytes.extend_from_slice(&chunk);
            }
        }
        if wanted {
            photo = Some(bytes);
        }
    }
    if too_large {
        return Err(PhotoProblem::TooLarge);
    }
    match photo {
        Some(bytes) if !bytes.is_empty() => Ok(bytes),
        _ => Err(PhotoProblem::Missing),
    }
}

/// The answer to a photo post whose link does not work (or is no token), or that failed on
/// our side: a standalone page with the message and the error's status.
fn refused_page(headers: &HeaderMap, e: AppError) -> Response {
    crate::http::page::refuse("/s", headers, e)
}

/// Back to the speaker page: `?photo=saved|removed`, or `?photo_error=<code>` for a refusal
/// (the page shows the message; a redirect keeps the page at its own address, so a reload
/// posts nothing and the hydrated page matches).
fn back_to_page(token: &str, outcome: Result<&str, PhotoProblem>) -> Response {
    let query = photo_query(outcome);
    Redirect::to(&format!("/s/{token}?{query}#speaker-photo")).into_response()
}

/// The query a photo post goes back with, on the speaker page and in the programme editor:
/// `photo=saved|removed`, or `photo_error=<code>` for a refusal.
fn photo_query(outcome: Result<&str, PhotoProblem>) -> String {
    match outcome {
        Ok(done) => format!("photo={done}"),
        Err(problem) => format!("photo_error={}", problem.code()),
    }
}

/// A speaker's photo upload (`multipart/form-data`, file field `photo`): the link is checked
/// before the body is read; then back to the page, saved or with the reason of the
/// refusal (nothing stored).
pub async fn speaker_photo(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    if !service::is_token_format(&token) {
        return refused_page(&headers, AppError::InvalidLink);
    }
    if let Err(e) = state.speakers().check_link(&token).await {
        return refused_page(&headers, e);
    }
    let outcome = match read_photo(multipart).await {
        Ok(bytes) => state.speakers().set_photo(&token, bytes).await,
        Err(problem) => Ok(PhotoOutcome::Refused(problem)),
    };
    match outcome {
        Ok(PhotoOutcome::Saved) => back_to_page(&token, Ok("saved")),
        Ok(PhotoOutcome::Refused(problem)) => back_to_page(&token, Err(problem)),
        Err(e) => refused_page(&headers, e),
    }
}

/// The speaker removes their photo (`confirm` ticked); back to the page.
pub async fn speaker_photo_remove(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: StrictForm,
) -> Response {
    if !service::is_token_format(&token) {
        return refused_page(&headers, AppError::InvalidLink);
    }
    if !body.has("confirm") {
        return match state.speakers().check_link(&token).await {
            Ok(()) => back_to_page(&token, Err(PhotoProblem::NotConfirmed)),
            Err(e) => refused_page(&headers, e),
        };
    }
    match state.speakers().remove_photo(&token).await {
        Ok(()) => back_to_page(&token, Ok("removed")),
        Err(e) => refused_page(&headers, e),
    }
}

/// A coordinator's upload of a speaker's photo from the programme editor
/// (`multipart/form-data`, file field `photo`): the one coordinator action a server function
/// cannot take (they take JSON or URL-encoded bodies). The session is checked before the
/// body is read; then back to the editor, with the outcome next to that speaker.
pub async fn coordinator_speaker_photo(
    State(state): State<AppState>,
    Path((slug, id)): Path<(String, String)>,
    session: tower_sessions::Session,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    if let Err(e) = app::kernel::auth::coordinator_of(&state.db, &session).await {
        return match e {
            AppError::Unauthorized => Redirect::to("/coordinator/login").into_response(),
            e => crate::http::page::refuse("/coordinator", &headers, e),
        };
    }
    let Ok(id) = id.parse::<i64>() else {
        return crate::http::page::refuse("/coordinator", &headers, AppError::NotFound);
    };
    let outcome = match read_photo(multipart).await {
        Ok(bytes) => state.speakers().set_photo_of(&slug, id, bytes).await,
        Err(problem) => Ok(PhotoOutcome::Refused(problem)),
    };
    let query = match outcome {
        Ok(PhotoOutcome::Saved) => photo_query(Ok("saved")),
        Ok(PhotoOutcome::Refused(problem)) => photo_query(Err(problem)),
        Err(e) => return crate::http::page::refuse("/coordinator", &headers, e),
    };
    let slug = utf8_percent_encode(&slug, PATH_SEGMENT);
    Redirect::to(&format!(
        "/coordinator/events/{slug}/programme?speaker={id}&{query}#speaker-{id}"
    ))
    .into_response()
}

/// `/lang/{code}?next=/path`: remembers the language in a cookie and goes back.
pub async fn set_language(
    Path(code): Path<String>,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Response {
    let lang = Lang::parse(&code).unwrap_or_default();
    // A query that cannot be decoded counts as no `next`.
    let q = q.map(|Query(q)| q).unwrap_or_default();
    let next = crate::http::paths::safe_next(q.get("next").map(String::as_str));
    let cookie = format!(
        "lang={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    ([(header::SET_COOKIE, cookie)], Redirect::to(&next)).into_response()
}

/// Unknown paths render the app's "page not found".
pub async fn not_found(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    render_page::<PostedForm>(state, uri, headers, None, StatusCode::NOT_FOUND).await
}
