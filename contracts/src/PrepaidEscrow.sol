// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title PrepaidEscrow
/// @notice Holds tenants' prepaid deposits in the settlement token. Anyone deposits for a tenant's
/// account; the ledger reads each Deposited log, once confirmed, and credits that tenant's balance
/// exactly once. The owner (the ledger's signer) releases deposited tokens to fund the payouts of
/// prepaid leases, normally to the payout distributor.
///
/// @dev The escrow keeps no storage of its own: balances per tenant live in the ledger, which
/// derives them from the Deposited logs (and the charges it records), so a deposit costs the token
/// transfer and one log. Tenant accounts are opaque bytes32 keys,
/// keccak256(bytes(string.concat(marketplaceId, "/", tenantId))); neither id may contain "/", so
/// every key names one pair. The contract never sees the ids, except in the helper accountOf.
///
/// Trust. The token is fixed at deployment and trusted not to take fees on transfer: a Deposited
/// amount is what transferFrom was asked to move, not a measured balance change. SafeERC20 also
/// accepts tokens that return nothing. The owner can release any of the escrow's tokens; what the
/// ledger may release is bounded by the deposits it credited, which an auditor compares with the
/// Deposited and Released logs. Nothing here is upgradable.
contract PrepaidEscrow is Ownable {
    using SafeERC20 for IERC20;

    /// @notice The token deposited and released, fixed at deployment.
    IERC20 public immutable token;

    /// @notice `from` moved `amount` of the token into the escrow for `account`.
    event Deposited(bytes32 indexed account, address indexed from, uint256 amount);
    /// @notice The owner moved `amount` of the token out of the escrow to `to`.
    event Released(address indexed to, uint256 amount);

    error ZeroAmount();
    error ZeroAccount();

    /// @param token_ the settlement token; the deployer becomes the owner.
    constructor(IERC20 token_) Ownable(msg.sender) {
        token = token_;
    }

    /// @notice Pulls `amount` of the token from the sender (who approved the escrow for at least
    /// that much) and records it for `account`. The zero key names no tenant and is refused, as is
    /// an empty deposit, whose log would credit nothing.
    function deposit(bytes32 account, uint256 amount) external {
        if (account == bytes32(0)) revert ZeroAccount();
        if (amount == 0) revert ZeroAmount();
        // No state to update: the log is the only effect, and it is emitted only once the tokens
        // are in (a failed transfer reverts the whole call, log included).
        token.safeTransferFrom(msg.sender, address(this), amount);
        emit Deposited(account, msg.sender, amount);
    }

    /// @notice Sends `amount` of the escrow's tokens to `to`: how the ledger funds prepaid payouts.
    /// Reverts with the token's error if the escrow holds less.
    function release(address to, uint256 amount) external onlyOwner {
        if (amount == 0) revert ZeroAmount();
        token.safeTransfer(to, amount);
        emit Released(to, amount);
    }

    /// @notice The account key of a marketplace's tenant, as the ledger computes it; a convenience
    /// for depositors, costing nothing on-chain when called off-chain.
    function accountOf(string calldata marketplaceId, string calldata tenantId) external pure returns (bytes32) {
        return keccak256(bytes(string.concat(marketplaceId, "/", tenantId)));
    }
}
