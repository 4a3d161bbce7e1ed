/** The reward pools' read model: pool_view and pool_share_view, kept in the 'settlement' processor. */
package io.gpuledger.settlement.pool.view;
