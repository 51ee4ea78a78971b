package org.wechatmp.admin.web;

/**
 * What the reply box holds (kept on an error so that nothing typed is lost).
 *
 * @param type {@code text}, {@code image} or {@code news}
 * @param content the text
 * @param mediaId the image material
 * @param title the news title
 * @param description the news description
 * @param url the news link
 * @param picUrl the news picture
 */
record ConversationForm(String type, String content, String mediaId, String title, String description, String url,
        String picUrl) {
    static final ConversationForm EMPTY = new ConversationForm("text", "", "", "", "", "", "");

    static ConversationForm of(Ctx c) {
        String type = c.param("type");
        if (!"image".equals(type) && !"news".equals(type)) {
            type = "text";
        }
        return new ConversationForm(type, c.raw("content").strip(), c.param("mediaId"), c.param("title"),
                c.param("description"), c.param("url"), c.param("picUrl"));
    }
}
