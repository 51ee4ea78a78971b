package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaterialCheckTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0};
    private static final byte[] JPG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0};

    @Test
    void acceptsWhatWeChatTakes() {
        assertThat(MaterialCheck.of("image").problem("a.PNG", PNG)).isNull();
        assertThat(MaterialCheck.of("image").problem("a.jpeg", JPG)).isNull();
        assertThat(MaterialCheck.of("thumb").problem("t.jpg", JPG)).isNull();
        assertThat(MaterialCheck.of("voice").problem("v.mp3", new byte[] {'I', 'D', '3', 4})).isNull();
        assertThat(MaterialCheck.of("voice").problem("v.amr", "#!AMR\n".getBytes())).isNull();
        assertThat(MaterialCheck.of("video").problem("v.mp4", new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i'}))
                .isNull();
    }

    @Test
    void refusesByMagicBytesSizeAndExtension() {
        assertThat(MaterialCheck.of("image").problem("fake.png", "hello world".getBytes()))
                .isEqualTo("materials.upload.badcontent");
        assertThat(MaterialCheck.of("image").problem("a.png", JPG)).isEqualTo("materials.upload.badcontent");
        assertThat(MaterialCheck.of("image").problem("a.svg", PNG)).isEqualTo("materials.upload.badformat.image");
        assertThat(MaterialCheck.of("thumb").problem("t.png", PNG)).isEqualTo("materials.upload.badformat.thumb");
        byte[] big = new byte[64 * 1024 + 1];
        System.arraycopy(JPG, 0, big, 0, JPG.length);
        assertThat(MaterialCheck.of("thumb").problem("t.jpg", big)).isEqualTo("materials.upload.toobig.thumb");
        assertThat(MaterialCheck.of("voice").problem("v.mp3", new byte[0])).isEqualTo("materials.upload.empty");
        assertThat(MaterialCheck.of("gif")).isNull();
    }

    @Test
    void fileNamesAreMadeSafe() {
        assertThat(MaterialCheck.safeName("C:\\photos\\cat.png", "image")).isEqualTo("cat.png");
        assertThat(MaterialCheck.safeName("../../etc/\"x\r\n.png", "image")).isEqualTo("x.png");
        assertThat(MaterialCheck.safeName("", "image")).isEqualTo("image");
    }
}
