//! The check-in desk's camera scanner (once hydrated): the device's camera through
//! `getUserMedia`, a frame read from a canvas every [`EVERY`] and decoded with `rqrr`; a
//! check-in code of this event opens its scan page, any other QR code says so. Without a
//! camera or its permission the desk keeps the name search (and a phone's camera app).

use crate::i18n::T;
use crate::ui::use_lang;
use leptos::prelude::*;

/// How often a camera frame is decoded.
#[cfg(feature = "hydrate")]
const EVERY: std::time::Duration = std::time::Duration::from_millis(250);

/// The scan page's path in a decoded QR text, when it holds one of event `slug`'s check-in
/// codes (`…/coordinator/events/<slug>/checkin/<code>`, code of letters and digits).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn scan_path(text: &str, slug: &str) -> Option<String> {
    let prefix = format!("/coordinator/events/{slug}/checkin/");
    let path = &text[text.find(&prefix)?..];
    let code = &path[prefix.len()..];
    (!code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric())).then(|| path.to_string())
}

/// What the scanner is doing (on the server always off).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scanner {
    Off,
    Starting,
    Looking,
    /// A QR code that is not a check-in code of this event (still looking).
    Foreign,
    NoCamera,
}

#[component]
pub fn CameraScanner(slug: String) -> impl IntoView {
    let lang = use_lang();
    // Only once hydrated: before that the button could do nothing.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let state = RwSignal::new(Scanner::Off);
    let video = NodeRef::<leptos::html::Video>::new();
    let slug = StoredValue::new(slug);
    let start = move |_| {
        #[cfg(feature = "hydrate")]
        live::start(video, state, slug.get_value());
        #[cfg(not(feature = "hydrate"))]
        let _ = slug;
    };
    let stop = move |_| {
        #[cfg(feature = "hydrate")]
        live::stop(video);
        state.set(Scanner::Off);
    };
    on_cleanup(move || {
        #[cfg(feature = "hydrate")]
        live::stop(video);
    });
    view! {
        <Show when=move || hydrated.get()>
            <section class="card coordinator camera-scan" aria-labelledby="camera-title">
                <h2 id="camera-title">{lang.t(T::CameraTitle)}</h2>
                <p class="hint">{lang.t(T::CameraHint)}</p>
                <p role="status" class="camera-state">
                    {move || match state.get() {
                        Scanner::Off => "",
                        Scanner::Starting | Scanner::Looking => lang.t(T::CameraLooking),
                        Scanner::Foreign => lang.t(T::CameraForeign),
                        Scanner::NoCamera => lang.t(T::CameraNoCamera),
                    }}
                </p>
                {move || {
                    if matches!(state.get(), Scanner::Off | Scanner::NoCamera) {
                        view! { <button type="button" class="button" on:click=start>{lang.t(T::CameraStart)}</button> }.into_any()
                    } else {
                        view! { <button type="button" class="button" on:click=stop>{lang.t(T::CameraStop)}</button> }.into_any()
                    }
                }}
                <video node_ref=video class="camera-video" muted=true playsinline=true aria-label=lang.t(T::CameraTitle)
                    hidden=move || matches!(state.get(), Scanner::Off | Scanner::NoCamera)></video>
            </section>
        </Show>
    }
}

/// The camera and the decoding loop (browser only).
#[cfg(feature = "hydrate")]
mod live {
    use super::{scan_path, Scanner, EVERY};
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaStream};

    /// Opens the camera (the back one on a phone) and decodes a frame every [`EVERY`] until
    /// a check-in code of event `slug` shows up, then opens its scan page.
    pub fn start(video: NodeRef<leptos::html::Video>, state: RwSignal<Scanner>, slug: String) {
        state.set(Scanner::Starting);
        leptos::task::spawn_local(async move {
            let Some(el) = video.get_untracked() else {
                return;
            };
            let Some(stream) = open_camera().await else {
                state.set(Scanner::NoCamera);
                return;
            };
            el.set_src_object(Some(&stream));
            let _ = el.play();
            state.set(Scanner::Looking);
            let canvas: Option<HtmlCanvasElement> = document()
                .create_element("canvas")
                .ok()
                .and_then(|c| c.dyn_into().ok());
            let Some(canvas) = canvas else {
                state.set(Scanner::NoCamera);
                return;
            };
            let handle = StoredValue::new(None::<IntervalHandle>);
            let tick = move || {
                let running = matches!(state.get_untracked(), Scanner::Looking | Scanner::Foreign);
                let Some(el) = video.get_untracked().filter(|_| running) else {
                    if let Some(h) = handle.get_value() {
                        h.clear();
                    }
                    return;
                };
                let Some(text) = decode(&el, &canvas) else {
                    return;
                };
                match scan_path(&text, &slug) {
                    Some(path) => {
                        if let Some(h) = handle.get_value() {
                            h.clear();
                        }
                        stop(video);
                        state.set(Scanner::Off);
                        crate::ui::go_to(&path);
                    }
                    None => state.set(Scanner::Foreign),
                }
            };
            if let Ok(h) = set_interval_with_handle(tick, EVERY) {
                handle.set_value(Some(h));
            }
        });
    }

    /// Stops the camera, if it runs.
    pub fn stop(video: NodeRef<leptos::html::Video>) {
        let Some(el) = video.get_untracked() else {
            return;
        };
        if let Some(stream) = el.src_object() {
            for track in stream.get_tracks().iter() {
                if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                    track.stop();
                }
            }
        }
        el.set_src_object(None);
    }

    async fn open_camera() -> Option<MediaStream> {
        let devices = window().navigator().media_devices().ok()?;
        let constraints = web_sys::MediaStreamConstraints::new();
        let wanted = js_sys::Object::new();
        js_sys::Reflect::set(&wanted, &"facingMode".into(), &"environment".into()).ok()?;
        constraints.set_video(&wanted.into());
        constraints.set_audio(&false.into());
        let promise = devices.get_user_media_with_constraints(&constraints).ok()?;
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()?
            .dyn_into()
            .ok()
    }

    /// The text of the first QR code in the video's current frame.
    fn decode(video: &HtmlVideoElement, canvas: &HtmlCanvasElement) -> Option<String> {
        let (w, h) = (video.video_width(), video.video_height());
        if w == 0 || h == 0 {
            return None;
        }
        canvas.set_width(w);
        canvas.set_height(h);
        let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        ctx.draw_image_with_html_video_element(video, 0.0, 0.0)
            .ok()?;
        let rgba = ctx
            .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
            .ok()?
            .data()
            .0;
        let width = w as usize;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(width, h as usize, |x, y| {
            let i = (y * width + x) * 4;
            let luma = u32::from(rgba[i]) * 299
                + u32::from(rgba[i + 1]) * 587
                + u32::from(rgba[i + 2]) * 114;
            (luma / 1000) as u8
        });
        img.detect_grids()
            .into_iter()
            .find_map(|g| g.decode().ok().map(|(_, text)| text))
    }
}

#[cfg(test)]
mod tests {
    use super::scan_path;

    #[test]
    fn only_this_events_check_in_codes_open_a_scan_page() {
        let code = "a1".repeat(32);
        let url =
            format!("https://tafelronde.example.be/coordinator/events/netwerk/checkin/{code}");
        assert_eq!(
            scan_path(&url, "netwerk"),
            Some(format!("/coordinator/events/netwerk/checkin/{code}"))
        );
        assert_eq!(scan_path(&url, "ander"), None);
        for wrong in [
            "https://tafelronde.example.be/coordinator/events/netwerk/checkin/",
            "https://tafelronde.example.be/coordinator/events/netwerk/checkin/ab/../x",
            "https://elders.example/m/abc",
            "hallo",
        ] {
            assert_eq!(scan_path(wrong, "netwerk"), None, "{wrong}");
        }
    }
}
