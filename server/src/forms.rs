//! Plain HTML form posts (JavaScript off): registration, edit and cancel. Each calls the
//! same service as the server functions; on success it redirects (303), on a user error it
//! renders the page again with the typed values and the messages at the fields (422).

use app::i18n::{Lang, T};
use app::registration::{service, RegisterOutcome, RegistrationForm};
use app::shell;
use app::state::AppState;
use app::ui::{PostedForm, PostedManage};
use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Form, Path, Query, State};
use axum::http::{header, HeaderMap, Request, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;
use std::collections::HashMap;

fn lang_of(headers: &HeaderMap) -> Lang {
    headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_cookie_header)
        .unwrap_or_default()
}

/// Renders the Leptos page at `uri` as for a GET, with `extra` in its context.
async fn render_page<C: Clone + Send + Sync + 'static>(
    state: AppState,
    uri: Uri,
    headers: HeaderMap,
    extra: Option<C>,
    status: StatusCode,
) -> Response {
    let mut req = Request::builder().method("GET").uri(uri);
    if let Some(cookie) = headers.get(header::COOKIE) {
        req = req.header(header::COOKIE, cookie);
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

pub async fn register(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let lang = lang_of(&headers);
    let form = RegistrationForm::from_pairs(&pairs);
    let posted = |errors, general| PostedForm {
        form: form.clone(),
        errors,
        general,
    };
    let posted = match service::register(&state, &slug, &form, lang).await {
        Ok(RegisterOutcome::Accepted) => {
            return Redirect::to(&format!("/e/{slug}/check-mail")).into_response()
        }
        Ok(RegisterOutcome::Invalid(errors)) => posted(errors, Some(T::FixErrors)),
        Err(e) => posted(Default::default(), Some(e.message())),
    };
    render_page(
        state,
        uri,
        headers,
        Some(posted),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

pub async fn update(
    State(state): State<AppState>,
    Path(token): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let lang = lang_of(&headers);
    let form = RegistrationForm::from_pairs(&pairs);
    match service::update(&state, &token, &form, lang).await {
        Ok(RegisterOutcome::Accepted) => {
            Redirect::to(&format!("/m/{token}?saved=1")).into_response()
        }
        Ok(RegisterOutcome::Invalid(errors)) => {
            let p = PostedManage { form, errors };
            render_page(
                state,
                uri,
                headers,
                Some(p),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(_) => {
            render_page::<PostedManage>(state, uri, headers, None, StatusCode::NOT_FOUND).await
        }
    }
}

pub async fn cancel(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    if !pairs.iter().any(|(k, _)| k == "confirm") {
        return Redirect::to(&format!("/m/{token}?cancel_error=1")).into_response();
    }
    match service::cancel(&state, &token).await {
        Ok(()) => Redirect::to(&format!("/m/{token}")).into_response(),
        Err(_) => {
            let uri: Uri = format!("/m/{token}").parse().unwrap_or_default();
            render_page::<PostedManage>(state, uri, headers, None, StatusCode::NOT_FOUND).await
        }
    }
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
