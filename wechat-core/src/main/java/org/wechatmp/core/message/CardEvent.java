package org.wechatmp.core.message;

/**
 * A card and coupon event: {@code card_pass_check}, {@code card_not_pass_check}, {@code user_get_card}, {@code user_gifting_card}, {@code user_del_card}, {@code user_consume_card}, {@code user_pay_from_pay_cell}, {@code user_view_card}, {@code user_enter_session_from_card}, {@code update_member_card}, {@code card_sku_remind}, {@code card_pay_order} or {@code submit_membercard_user_info}. Fields an event does not carry read as empty; all of them stay in {@link #fields()}.
 */
public final class CardEvent extends EventMessage {
    CardEvent(XmlFields fields) {
        super(fields);
    }

    /**
     * The card id.
     *
     * @return the value
     */
    public String cardId() {
        return fields().text("CardId", "");
    }

    /**
     * The card code.
     *
     * @return the value
     */
    public String userCardCode() {
        return fields().text("UserCardCode", "");
    }

    /**
     * The previous card code.
     *
     * @return the value
     */
    public String oldUserCardCode() {
        return fields().text("OldUserCardCode", "");
    }

    /**
     * Why a card failed review.
     *
     * @return the value
     */
    public String refuseReason() {
        return fields().text("RefuseReason", "");
    }

    /**
     * 1 when the card was a gift.
     *
     * @return the value
     */
    public int isGiveByFriend() {
        return fields().intValue("IsGiveByFriend", 0);
    }

    /**
     * The friend who gave or received the card.
     *
     * @return the value
     */
    public String friendUserName() {
        return fields().text("FriendUserName", "");
    }

    /**
     * The channel value.
     *
     * @return the value
     */
    public String outerStr() {
        return fields().text("OuterStr", "");
    }

    /**
     * How the card was redeemed.
     *
     * @return the value
     */
    public String consumeSource() {
        return fields().text("ConsumeSource", "");
    }

    /**
     * The staff member who redeemed it.
     *
     * @return the value
     */
    public String staffOpenId() {
        return fields().text("StaffOpenId", "");
    }

    /**
     * The order id of a pay order.
     *
     * @return the value
     */
    public String orderId() {
        return fields().text("OrderId", "");
    }

    /**
     * The stock reminder text.
     *
     * @return the value
     */
    public String detail() {
        return fields().text("Detail", "");
    }

    /**
     * The user's unionid.
     *
     * @return the value
     */
    public String unionId() {
        return fields().text("UnionId", "");
    }
}
