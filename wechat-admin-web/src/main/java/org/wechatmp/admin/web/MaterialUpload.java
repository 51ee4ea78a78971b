package org.wechatmp.admin.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.wechatmp.admin.auth.Level;
import org.wechatmp.admin.auth.Section;
import org.wechatmp.core.Account;
import org.wechatmp.core.WeChatApiException;
import org.wechatmp.core.WeChatException;
import org.wechatmp.core.client.AddedMaterial;
import org.wechatmp.core.client.MaterialItem;
import org.wechatmp.core.client.MaterialType;

/**
 * {@code POST /a/{a}/materials/upload} (multipart): an image, voice, video (with title and description) or thumbnail
 * becomes a permanent material. Size, extension and magic bytes are checked before WeChat is called
 * ({@link MaterialCheck}); the new material is stored locally at once (no sync needed to see it).
 */
final class MaterialUpload {
    /**
     * What the upload form held (kept when the upload is refused).
     *
     * @param kind the kind chosen
     * @param title a video's title
     * @param introduction a video's description
     */
    record Form(String kind, String title, String introduction) {
        static Form empty() {
            return new Form("image", "", "");
        }
    }

    /**
     * A file from a multipart form.
     *
     * @param name the submitted file name, made safe
     * @param bytes the content, at most one byte over the limit (then refused)
     */
    record Upload(String name, byte[] bytes) {
    }

    private MaterialUpload() {
    }

    static void upload(Ctx c, Account a, MaterialPages pages) throws IOException {
        c.requireMethod("POST");
        AccountPages.need(c, a, Section.MATERIALS, Level.EDIT);
        String kind = c.param("kind");
        Form form = new Form(kind, c.param("title"), c.param("introduction"));
        MaterialCheck check = MaterialCheck.of(kind);
        if (check == null) {
            refuse(c, a, pages, form, "materials.upload.badkind");
            return;
        }
        Upload file = file(c, "file", check.maxBytes(), kind);
        if (file == null) {
            refuse(c, a, pages, form, "materials.upload.nofile");
            return;
        }
        String problem = check.problem(file.name(), file.bytes());
        if (problem == null && "video".equals(kind) && (form.title().isEmpty() || form.title().length() > 64
                || form.introduction().length() > 300)) {
            problem = "materials.upload.videotitle";
        }
        if (problem != null) {
            c.s.audit().record(c.who(), a.name(), "material.upload", file.name(), false, null, problem);
            refuse(c, a, pages, form, problem);
            return;
        }
        AddedMaterial added;
        try {
            added = "video".equals(kind)
                    ? c.s.runtime().client(a).materials().addVideo(file.name(), file.bytes(), form.title(),
                            form.introduction())
                    : c.s.runtime().client(a).materials().add(MaterialType.valueOf(kind.toUpperCase(Locale.ROOT)),
                            file.name(), file.bytes());
        } catch (WeChatException e) {
            c.s.audit().record(c.who(), a.name(), "material.upload", file.name(), false,
                    e instanceof WeChatApiException api ? api.errcode() : null, e.getMessage());
            pages.grid(c, a, 400, MaterialError.of(e), form);
            return;
        }
        String stored = "thumb".equals(kind) ? "image" : kind;
        c.s.storage().materials().save(a.name(), stored, new MaterialItem(added.mediaId(), file.name(),
                c.s.clock().instant().getEpochSecond(), added.url(), List.of()));
        c.s.audit().record(c.who(), a.name(), "material.upload", added.mediaId(), true, null,
                kind + " " + file.name() + " " + file.bytes().length + " bytes");
        c.redirect("/a/" + a.name() + "/materials?type=" + stored, "materials.uploaded");
    }

    private static void refuse(Ctx c, Account a, MaterialPages pages, Form form, String key) throws IOException {
        pages.grid(c, a, 400, MaterialError.of(key), form);
    }

    /**
     * Reads a file field, at most {@code max + 1} bytes (enough to know it is too big).
     *
     * @return the file, or {@code null} when none was sent
     */
    static Upload file(Ctx c, String field, long max, String kind) throws IOException {
        String type = c.req.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return null;
        }
        Part part;
        try {
            part = c.req.getPart(field);
        } catch (ServletException | IllegalStateException e) {
            // over the container's limit (20 MB): too big for any kind
            return new Upload(kind, new byte[(int) Math.min(Integer.MAX_VALUE - 8, max + 1)]);
        }
        if (part == null || part.getSubmittedFileName() == null || part.getSubmittedFileName().isEmpty()
                && part.getSize() == 0) {
            return null;
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        }
        return new Upload(MaterialCheck.safeName(part.getSubmittedFileName(), kind), bytes);
    }
}
