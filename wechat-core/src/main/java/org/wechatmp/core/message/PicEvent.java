package org.wechatmp.core.message;

/**
 * A photo sent from a photo menu button: {@code pic_sysphoto}, {@code pic_photo_or_album} or {@code pic_weixin}.
 */
public final class PicEvent extends EventMessage {
    PicEvent(XmlFields fields) {
        super(fields);
    }

    /**
     * The button key.
     *
     * @return the value
     */
    public String key() {
        return eventKey();
    }

    /**
     * The number of pictures.
     *
     * @return the value
     */
    public int count() {
        return fields().child("SendPicsInfo").intValue("Count", 0);
    }

    /**
     * The MD5 sums of the pictures, in order.
     *
     * @return the value
     */
    public java.util.List<String> picMd5Sums() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (XmlFields item : fields().child("SendPicsInfo").child("PicList").children("item")) {
            out.add(item.text("PicMd5Sum", ""));
        }
        return java.util.List.copyOf(out);
    }
}
