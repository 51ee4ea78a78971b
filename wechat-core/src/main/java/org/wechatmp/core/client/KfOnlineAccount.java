package org.wechatmp.core.client;

/**
 * A customer-service account that is online.
 *
 * @param kfAccount the account
 * @param kfId the worker id
 * @param status 1 when online on the web client
 * @param acceptedCase how many sessions it is serving
 */
public record KfOnlineAccount(String kfAccount, String kfId, int status, int acceptedCase) {
}
