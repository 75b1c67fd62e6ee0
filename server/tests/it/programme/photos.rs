//! Speaker photos (issue 9) on SQLite and PostgreSQL: an upload from the speaker page is
//! re-encoded (a JPEG of at most 400×400) and served with its headers, on the speaker page
//! and the public agenda; a too large file, a non-image, a too small or too big picture and
//! a missing file are refused (back to the page, which says why) and store nothing; a
//! wrong, expired or cross-site request cannot upload; the speaker removes their photo
//! (after confirming), and a deleted speaker's photo goes with them. Test images are made
//! here.

use crate::common::coordinator::{get_as, post_as, signed_in};
use crate::common::speakers::*;
use crate::common::*;
use app::programme::photo::MAX_UPLOAD_BYTES;
use image::{DynamicImage, ImageFormat, RgbImage, RgbaImage};
use std::io::Cursor;

on_both_databases!(
    a_png_is_re_encoded_and_served_with_its_headers,
    refused_uploads_say_why_and_store_nothing,
    wrong_expired_and_cross_site_uploads_are_refused,
    the_speaker_removes_their_photo_and_it_goes_with_the_speaker,
    a_coordinator_sets_and_removes_a_speakers_photo,
);

fn encode(img: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, format).expect("encode test image");
    out.into_inner()
}

/// A `w`×`h` PNG with a colour gradient.
fn png(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    });
    encode(&DynamicImage::ImageRgb8(img), ImageFormat::Png)
}

/// A small PNG whose header claims `side`×`side` pixels (a decompression bomb's header).
fn bomb_png(side: u32) -> Vec<u8> {
    let mut b = png(100, 100);
    // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4) …, CRC at 29.
    b[16..20].copy_from_slice(&side.to_be_bytes());
    b[20..24].copy_from_slice(&side.to_be_bytes());
    let crc = crc32fast::hash(&b[12..29]);
    b[29..33].copy_from_slice(&crc.to_be_bytes());
    b
}

/// Posts `bytes` as the `photo` file of the upload form, with `headers`.
async fn upload(
    srv: &Running,
    token: &str,
    bytes: Vec<u8>,
    file_name: &str,
    mime: &str,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name(file_name.to_string())
        .mime_str(mime)
        .unwrap();
    let form = reqwest::multipart::Form::new().part("photo", part);
    let mut req = client()
        .post(format!("http://{}/s/{token}/photo", srv.addr))
        .header("accept", "text/html")
        .multipart(form);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    req.send().await.expect("upload")
}

/// The stored photos: (speaker id, content type, hash, width, height, size in bytes).
async fn stored(srv: &Running) -> Vec<(i64, String, String, i64, i64, i64)> {
    let rows: Vec<(i64, String, String, i64, i64, Vec<u8>)> = app::on_db!(&srv.state.db, p => {
        sqlx::query_as(
            "SELECT speaker_id, content_type, hash, width, height, bytes FROM speaker_photos \
             ORDER BY speaker_id",
        )
        .fetch_all(p)
        .await
        .expect("read photos")
    });
    rows.into_iter()
        .map(|(id, t, h, w, ht, b)| (id, t, h, w, ht, b.len() as i64))
        .collect()
}

/// The `src` of the first `<img>` showing `/photos/…` in `page`.
fn photo_src(page: &str) -> Option<String> {
    let at = page.find("src=\"/photos/")?;
    let rest = &page[at + 5..];
    Some(rest[..rest.find('"')?].to_string())
}

async fn a_png_is_re_encoded_and_served_with_its_headers(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = event_with_programme(&srv, "foto", 10).await;
    let (id, token) = grete_link(&srv, &mail, "foto", event).await;
    let (_, page) = get(&srv, &format!("/s/{token}")).await;
    assert!(page.contains("Je hebt nog geen foto."), "{page}");
    assert!(page.contains("enctype=\"multipart/form-data\""));
    assert!(page.contains("accept=\"image/jpeg,image/png,image/webp\""));

    let r = upload(&srv, &token, png(1200, 800), "grete.png", "image/png", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"].to_str().unwrap(),
        format!("/s/{token}?photo=saved#speaker-photo")
    );
    let rows = stored(&srv).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].0, rows[0].1.as_str(), rows[0].3, rows[0].4),
        (id, "image/jpeg", 400, 267)
    );
    let (status, page) = get(&srv, &format!("/s/{token}?photo=saved")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Je foto is bewaard."), "{page}");
    let src = photo_src(&page).expect("the photo on the speaker page");
    assert_eq!(src, format!("/photos/{id}-{}.jpg", rows[0].2));
    assert!(
        page.contains(&format!(
            "<img src=\"{src}\" alt=\"Grete Remen\" width=\"400\" height=\"267\""
        )),
        "alt text and size: {page}"
    );

    // Served: a JPEG of at most 400×400 with its headers.
    let r = client()
        .get(format!("http://{}{src}", srv.addr))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let header = |name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    assert_eq!(header("content-type").as_deref(), Some("image/jpeg"));
    assert_eq!(header("x-content-type-options").as_deref(), Some("nosniff"));
    assert_eq!(
        header("cache-control").as_deref(),
        Some("public, max-age=31536000, immutable")
    );
    let bytes = r.bytes().await.unwrap();
    assert_eq!(bytes.len() as i64, rows[0].5);
    assert_eq!(image::guess_format(&bytes).unwrap(), ImageFormat::Jpeg);
    let back = image::load_from_memory(&bytes).expect("decodes");
    assert_eq!((back.width(), back.height()), (400, 267));

    // The public agenda shows it with the speaker's name.
    let (_, agenda) = get(&srv, "/e/foto/agenda").await;
    assert!(
        agenda.contains(&format!("src=\"{src}\" alt=\"Grete Remen\"")),
        "photo on the agenda: {agenda}"
    );
    // The page's policy allows images from the site itself.
    let r = client()
        .get(format!("http://{}/e/foto/agenda", srv.addr))
        .send()
        .await
        .unwrap();
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("img-src 'self'"), "{csp}");

    // Unknown files are 404.
    for path in [
        format!("/photos/{id}-0000000000000000.jpg"),
        format!("/photos/{}-{}.jpg", id + 1000, rows[0].2),
        format!("/photos/{id}-{}.png", rows[0].2),
        "/photos/nonsense".to_string(),
    ] {
        assert_eq!(get(&srv, &path).await.0, 404, "{path}");
    }

    // A portrait JPEG replaces it: a new name, the old one is gone.
    let portrait = DynamicImage::ImageRgb8(RgbImage::from_fn(300, 500, |x, _| {
        image::Rgb([(x % 256) as u8, 60, 200])
    }));
    let r = upload(
        &srv,
        &token,
        encode(&portrait, ImageFormat::Jpeg),
        "p.jpg",
        "image/jpeg",
        &[],
    )
    .await;
    assert_eq!(r.status(), 303);
    let rows2 = stored(&srv).await;
    assert_eq!(rows2.len(), 1);
    assert_eq!((rows2[0].3, rows2[0].4), (240, 400));
    assert_ne!(rows2[0].2, rows[0].2);
    assert_eq!(get(&srv, &src).await.0, 404, "the old name is gone");
    let (status, _) = get(&srv, &format!("/photos/{id}-{}.jpg", rows2[0].2)).await;
    assert_eq!(status, 200);

    // A WebP with transparency is accepted too (and its size kept: it is small enough).
    let webp = DynamicImage::ImageRgba8(RgbaImage::from_fn(200, 120, |x, _| {
        image::Rgba([10, 200, 10, if x < 100 { 0 } else { 255 }])
    }));
    let r = upload(
        &srv,
        &token,
        encode(&webp, ImageFormat::WebP),
        "w.webp",
        "image/webp",
        &[],
    )
    .await;
    assert_eq!(r.status(), 303);
    let rows3 = stored(&srv).await;
    assert_eq!((rows3[0].3, rows3[0].4), (200, 120));
}

async fn refused_uploads_say_why_and_store_nothing(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = event_with_programme(&srv, "fout", 10).await;
    let (_, token) = grete_link(&srv, &mail, "fout", event).await;
    let cases: Vec<(Vec<u8>, &str, &str, &str)> = vec![
        (
            vec![0u8; MAX_UPLOAD_BYTES + 1],
            "image/png",
            "too_large",
            "Dit bestand is te groot: hoogstens 5 MB.",
        ),
        (
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n".to_vec(),
            "image/png",
            "not_image",
            "Dit is geen JPEG-, PNG- of WebP-afbeelding, of het bestand is beschadigd.",
        ),
        (
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".to_vec(),
            "image/svg+xml",
            "not_image",
            "Dit is geen JPEG-, PNG- of WebP-afbeelding",
        ),
        (
            png(60, 400),
            "image/png",
            "too_small",
            "Deze foto is te klein: minstens 100×100 pixels.",
        ),
        (
            bomb_png(30000),
            "image/png",
            "too_many_pixels",
            "Deze foto heeft te veel pixels: hoogstens 8000×8000.",
        ),
        (
            Vec::new(),
            "application/octet-stream",
            "missing",
            "Kies eerst een foto.",
        ),
    ];
    for (bytes, mime, code, message) in cases {
        let size = bytes.len();
        let r = upload(&srv, &token, bytes, "x.png", mime, &[]).await;
        assert_eq!(r.status(), 303, "{message}");
        let back = format!("/s/{token}?photo_error={code}");
        assert_eq!(
            r.headers()["location"].to_str().unwrap(),
            format!("{back}#speaker-photo"),
            "{message} ({size} bytes)"
        );
        assert!(stored(&srv).await.is_empty(), "nothing stored: {message}");
        let (status, page) = get(&srv, &back).await;
        assert_eq!(status, 200);
        assert!(page.contains(message), "{message}: {page}");
    }
    // A body past the route's limit is cut off and refused the same way.
    // (Just past it: the little that is not read fits in the loopback's buffers.)
    let huge = vec![1u8; 2 * MAX_UPLOAD_BYTES + 100 * 1024];
    let r = upload(&srv, &token, huge, "big.png", "image/png", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"].to_str().unwrap(),
        format!("/s/{token}?photo_error=too_large#speaker-photo")
    );
    assert!(stored(&srv).await.is_empty());
    // In the user's language (the language cookie).
    let r = client()
        .get(format!(
            "http://{}/s/{token}?photo_error=not_image",
            srv.addr
        ))
        .header("cookie", "lang=fr")
        .send()
        .await
        .unwrap();
    let page = r.text().await.unwrap();
    assert!(
        page.contains("Ce n&#x27;est pas une image") || page.contains("Ce n'est pas une image"),
        "{page}"
    );
    // A refused upload leaves an earlier photo as it was.
    assert_eq!(
        upload(&srv, &token, png(500, 500), "ok.png", "image/png", &[])
            .await
            .status(),
        303
    );
    let before = stored(&srv).await;
    let r = upload(&srv, &token, png(20, 20), "small.png", "image/png", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(stored(&srv).await, before);
}

async fn wrong_expired_and_cross_site_uploads_are_refused(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = event_with_programme(&srv, "nu", 10).await;
    let past = event_with_programme(&srv, "vroeger", -40).await;
    let (_, token) = grete_link(&srv, &mail, "nu", event).await;
    let (_, expired) = grete_link(&srv, &mail, "vroeger", past).await;
    let wrong = "ab".repeat(32);
    let photo = png(300, 300);
    let r = upload(&srv, &wrong, photo.clone(), "a.png", "image/png", &[]).await;
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains("ongeldig"));
    let r = upload(
        &srv,
        "not-a-token",
        photo.clone(),
        "a.png",
        "image/png",
        &[],
    )
    .await;
    assert_eq!(r.status(), 404);
    let r = upload(&srv, &expired, photo.clone(), "a.png", "image/png", &[]).await;
    assert_eq!(r.status(), 410);
    // Another site cannot make a browser upload with a good link.
    for headers in [
        [("origin", "https://evil.example")],
        [("sec-fetch-site", "cross-site")],
    ] {
        let r = upload(&srv, &token, photo.clone(), "a.png", "image/png", &headers).await;
        assert_eq!(r.status(), 403, "{headers:?}");
    }
    let confirm = vec![("confirm".to_string(), "yes".to_string())];
    assert_eq!(
        post_form(&srv, &format!("/s/{wrong}/photo/remove"), &confirm)
            .await
            .status(),
        404
    );
    assert!(stored(&srv).await.is_empty(), "nothing stored");
    // The same origin works.
    let origin = format!("http://{}", srv.addr);
    let r = upload(
        &srv,
        &token,
        photo,
        "a.png",
        "image/png",
        &[("origin", &origin)],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(stored(&srv).await.len(), 1);
}

async fn the_speaker_removes_their_photo_and_it_goes_with_the_speaker(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = event_with_programme(&srv, "weg", 10).await;
    let (id, token) = grete_link(&srv, &mail, "weg", event).await;
    assert_eq!(
        upload(&srv, &token, png(640, 480), "a.png", "image/png", &[])
            .await
            .status(),
        303
    );
    let (_, page) = get(&srv, &format!("/s/{token}")).await;
    let src = photo_src(&page).expect("photo shown");
    assert!(page.contains("Foto verwijderen"));
    // Without the tick: the page says so and the photo stays.
    let r = post_form(&srv, &format!("/s/{token}/photo/remove"), &[]).await;
    assert_eq!(r.status(), 303);
    let back = r.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(
        back,
        format!("/s/{token}?photo_error=not_confirmed#speaker-photo")
    );
    let (_, page) = get(&srv, back.trim_end_matches("#speaker-photo")).await;
    assert!(page.contains("Vink eerst aan dat je je foto wilt verwijderen."));
    assert_eq!(stored(&srv).await.len(), 1);
    let confirm = vec![("confirm".to_string(), "yes".to_string())];
    let r = post_form(&srv, &format!("/s/{token}/photo/remove"), &confirm).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"].to_str().unwrap(),
        format!("/s/{token}?photo=removed#speaker-photo")
    );
    assert!(stored(&srv).await.is_empty());
    let (_, page) = get(&srv, &format!("/s/{token}?photo=removed")).await;
    assert!(page.contains("Je foto is verwijderd."), "{page}");
    assert!(page.contains("Je hebt nog geen foto."));
    assert!(photo_src(&page).is_none());
    assert_eq!(get(&srv, &src).await.0, 404);
    let (_, agenda) = get(&srv, "/e/weg/agenda").await;
    assert!(!agenda.contains("/photos/"));

    // A speaker deleted in the programme editor takes their photo along.
    assert_eq!(
        upload(&srv, &token, png(640, 480), "a.png", "image/png", &[])
            .await
            .status(),
        303
    );
    assert_eq!(stored(&srv).await.len(), 1);
    srv.state
        .programme()
        .delete_speaker("weg", id)
        .await
        .expect("speaker deleted");
    assert!(stored(&srv).await.is_empty());
}

/// Posts `bytes` as the `photo` file of the programme editor's upload for speaker `id`.
async fn coordinator_upload(
    srv: &Running,
    cookie: Option<&str>,
    slug: &str,
    id: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name("photo.png")
        .mime_str("image/png")
        .unwrap();
    let mut req = client()
        .post(format!(
            "http://{}/coordinator/events/{slug}/speakers/{id}/photo",
            srv.addr
        ))
        .header("accept", "text/html")
        .multipart(reqwest::multipart::Form::new().part("photo", part));
    if let Some(c) = cookie {
        req = req.header("cookie", format!("{}={c}", server::SESSION_COOKIE));
    }
    req.send().await.expect("upload")
}

async fn a_coordinator_sets_and_removes_a_speakers_photo(db: &TestDb) {
    let mail = MailDev::start().await;
    let srv = start(db, mail.smtp, &[]).await;
    let event = event_with_programme(&srv, "coordfoto", 10).await;
    let grete = speaker_id(&srv, event, "Grete Remen").await.to_string();
    // Not signed in: to the login page, nothing stored.
    let r = coordinator_upload(&srv, None, "coordfoto", &grete, png(640, 480)).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/coordinator/login");
    assert!(stored(&srv).await.is_empty());

    let cookie = signed_in(&srv, &mail, "foto").await;
    let r = coordinator_upload(&srv, Some(&cookie), "coordfoto", &grete, png(640, 480)).await;
    assert_eq!(r.status(), 303);
    let back = r.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(
        back,
        format!(
            "/coordinator/events/coordfoto/programme?speaker={grete}&photo=saved#speaker-{grete}"
        )
    );
    let photos = stored(&srv).await;
    assert_eq!(photos.len(), 1);
    assert_eq!(
        (photos[0].0.to_string(), photos[0].3, photos[0].4),
        (grete.clone(), 400, 300)
    );
    let (status, page) = get_as(
        &srv,
        &cookie,
        back.trim_end_matches(&format!("#speaker-{grete}")),
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains("De foto is bewaard."), "{page}");
    let src = photo_src(&page).expect("the editor shows the photo");
    let (_, agenda) = get(&srv, "/e/coordfoto/agenda").await;
    assert!(agenda.contains(&src), "the agenda shows it");

    // A refused file says why and keeps the photo; an unknown speaker is not found.
    let r = coordinator_upload(
        &srv,
        Some(&cookie),
        "coordfoto",
        &grete,
        b"no image".to_vec(),
    )
    .await;
    assert!(r.headers()["location"]
        .to_str()
        .unwrap()
        .contains("photo_error=not_image"));
    assert_eq!(stored(&srv).await, photos);
    for (slug, id) in [
        ("coordfoto", "999999"),
        ("coordfoto", "x"),
        ("nope", grete.as_str()),
    ] {
        let r = coordinator_upload(&srv, Some(&cookie), slug, id, png(640, 480)).await;
        assert_eq!(r.status(), 404, "{slug}/{id}");
    }
    assert_eq!(stored(&srv).await, photos);

    // Removal is a server function and wants the tick.
    let remove = |confirm: bool| {
        let mut form = vec![
            ("slug".to_string(), "coordfoto".to_string()),
            ("id".to_string(), grete.clone()),
        ];
        if confirm {
            form.push(("confirm".to_string(), "yes".to_string()));
        }
        form
    };
    let path = "/api/coordinator/programme/speaker/photo/remove";
    let r = post_as(&srv, &cookie, path, &remove(false)).await;
    assert!(r.status().is_client_error(), "{}", r.status());
    assert_eq!(stored(&srv).await, photos);
    let r = post_as(&srv, &cookie, path, &remove(true)).await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    assert!(stored(&srv).await.is_empty());
    assert_eq!(get(&srv, &src).await.0, 404);
    srv.stop().await;
}
