/** Settlement epochs: the cut and computation of an epoch's payouts and roots, the Settlement aggregate, epoch views and routes. */
package io.gpuledger.settlement;
